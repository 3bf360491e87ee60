import '../local-backend/src/quietAwsSdkNodeWarning'
import path from 'node:path'
import { createServer } from 'vite'
import { startLocalBackend, defaultDataDir } from '../local-backend/src/startLocalBackend'
import { projectRoot } from '../local-backend/src/compile/readApiProject'

/**
 * `npm start`: the local backend and the app's dev server in one process, on loopback, with one Ctrl-C.
 * The backend writes src/amplifyconfiguration.json before the app starts, so the first page load works.
 */
async function main() {
  const started = performance.now()
  const backend = await startLocalBackend({
    dataDir: defaultDataDir,
    writeConfigTo: path.join(projectRoot, 'src/amplifyconfiguration.json'),
    // startLocalBackend already tags each line with where it comes from ([cognito], [transformer]).
    log: (line) => console.log(line),
  })
  const vite = await createServer({ root: projectRoot, server: { host: '127.0.0.1', port: 5173 } })
  await vite.listen()
  const url = vite.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/'
  console.log(`
Ready in ${Math.round(performance.now() - started)} ms.

  App       ${url}
  GraphQL   ${backend.graphqlEndpoint}
  Cognito   ${backend.cognitoEndpoint}   (sign-up confirmation codes are printed here)
  Data      ${path.relative(process.cwd(), defaultDataDir)}

Open ${url} in two browser windows to chat with yourself. Press Ctrl-C to stop.`)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    console.log('\nStopping...')
    await vite.close()
    await backend.stop()
    console.log('Stopped.')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

main().catch((error: Error) => {
  console.error(`npm start: ${error.message}`)
  process.exit(1)
})
