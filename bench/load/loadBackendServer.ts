/**
 * The local backend for `npm run bench:load`, in a process of its own so the benchmark's clients do not
 * share its event loop. Started by startLoadBackend() (./loadBackend.ts): prints one ready line with its
 * endpoints, then a memory and CPU sample every USAGE_SAMPLE_MS (the benchmark keeps the peak of a phase), and
 * stops on SIGTERM, SIGINT or when its stdin closes (the benchmark died).
 */
import { startLocalBackend } from '../../local-backend/src/startLocalBackend'
import { LOAD_BACKEND_USAGE_PREFIX, LOAD_BACKEND_READY_PREFIX, LOAD_CONFIRMATION_CODE } from './loadBackend'
import type { LoadEndpoints } from '../../testkit/load/loadGraphql'

const USAGE_SAMPLE_MS = 100

async function main() {
  const stock = process.argv.includes('--stock')
  const backend = await startLocalBackend({
    port: 0,
    cognitoPort: 0,
    inMemory: true,
    fixes: !stock,
    confirmationCode: LOAD_CONFIRMATION_CODE,
  })
  const endpoints: LoadEndpoints = {
    graphqlEndpoint: backend.graphqlEndpoint,
    realtimeEndpoint: backend.realtimeEndpoint,
    apiKey: backend.apiKey,
    cognitoEndpoint: backend.cognitoEndpoint,
    userPoolClientId: backend.userPoolClientId,
  }
  const sampler = setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage()
    const { user, system } = process.cpuUsage()
    console.log(`${LOAD_BACKEND_USAGE_PREFIX}${rss} ${heapUsed} ${user + system}`)
  }, USAGE_SAMPLE_MS)
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    clearInterval(sampler)
    backend.stop().finally(() => process.exit(0))
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  process.stdin.on('end', stop)
  process.stdin.resume()
  console.log(`${LOAD_BACKEND_READY_PREFIX}${JSON.stringify(endpoints)}`)
}

main().catch((error: Error) => {
  console.error(`load backend: ${error.stack ?? error.message}`)
  process.exit(1)
})
