/**
 * The local backend for the load figures, in a process of its own so that the benchmark's 100 WebSocket
 * clients and publishers do not share its event loop (they would slow it and each other down).
 * Started by startBenchBackend() in ./benchBackend.ts; prints one ready line with its endpoints and stops on
 * SIGTERM, SIGINT or when its stdin closes (the benchmark died).
 */
import { startLocalBackend } from '../../local-backend/src/startLocalBackend'
import { BACKEND_READY_PREFIX, type BenchBackendEndpoints } from './benchBackend'

async function main() {
  const stock = process.argv.includes('--stock')
  const backend = await startLocalBackend({ port: 0, cognitoPort: 0, inMemory: true, fixes: !stock })
  const endpoints: BenchBackendEndpoints = {
    graphqlEndpoint: backend.graphqlEndpoint,
    realtimeEndpoint: backend.realtimeEndpoint,
    apiKey: backend.apiKey,
  }
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    backend.stop().finally(() => process.exit(0))
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  process.stdin.on('end', stop)
  process.stdin.resume()
  console.log(`${BACKEND_READY_PREFIX}${JSON.stringify(endpoints)}`)
}

main().catch((error: Error) => {
  console.error(`bench backend: ${error.stack ?? error.message}`)
  process.exit(1)
})
