/**
 * The local backend for `npm run bench:load`, in a process of its own so the benchmark's clients do not
 * share its event loop. Started by startLoadBackend() (./loadBackend.ts): prints one ready line with its
 * endpoints, then a memory and CPU sample every USAGE_SAMPLE_MS (the benchmark keeps the peak of a phase), and
 * stops on SIGTERM, SIGINT or when its stdin closes (the benchmark died). A `settle` line on stdin collects
 * garbage (when started with --expose-gc) and answers with one settled-memory line.
 * `--data-dir <dir>` serves data kept there instead of memory (the scale run's seeded history).
 */
import { parseArgs } from 'node:util'
import { startLocalBackend } from '../../local-backend/src/startLocalBackend'
import {
  LOAD_BACKEND_SETTLED_PREFIX,
  LOAD_BACKEND_USAGE_PREFIX,
  LOAD_BACKEND_READY_PREFIX,
  LOAD_CONFIRMATION_CODE,
} from './loadBackend'
import type { LoadEndpoints } from '../../testkit/load/loadGraphql'

const USAGE_SAMPLE_MS = 100

async function main() {
  const { values } = parseArgs({ options: { stock: { type: 'boolean' }, 'data-dir': { type: 'string' } } })
  const dataDir = values['data-dir']
  const backend = await startLocalBackend({
    port: 0,
    cognitoPort: 0,
    ...(dataDir ? { dataDir } : { inMemory: true }),
    fixes: !values.stock,
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
  process.stdin.setEncoding('utf8')
  process.stdin.on('data', (text: string) => {
    if (!text.includes('settle')) return
    const collect = (globalThis as { gc?: () => void }).gc
    collect?.()
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage()
    const gc = collect ? 'gc' : 'no-gc'
    console.log(`${LOAD_BACKEND_SETTLED_PREFIX}${rss} ${heapUsed} ${external + arrayBuffers} ${gc}`)
  })
  console.log(`${LOAD_BACKEND_READY_PREFIX}${JSON.stringify(endpoints)}`)
}

main().catch((error: Error) => {
  console.error(`load backend: ${error.stack ?? error.message}`)
  process.exit(1)
})
