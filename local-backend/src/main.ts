import './quietAwsSdkNodeWarning'
import { parseArgs } from 'node:util'
import path from 'node:path'
import { watch } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { startLocalBackend, defaultDataDir, type LocalBackend } from './startLocalBackend'
import { projectRoot } from './compile/readApiProject'
import { readAmplifyProjectResources } from './compile/amplifyProject'

const usage = `Usage: npm run backend -- [options]

Serves the project's Amplify API (the AppSync API in amplify/backend/backend-config.json) offline: the AppSync simulator with DynamoDB and a
Cognito user pool in-process. Writes src/amplifyconfiguration.json so the app talks to it.

Options:
  --port <n>          GraphQL HTTP and WebSocket port (default 20002)
  --cognito-port <n>  local Cognito user pool port (default 9229)
  --host <address>    address to listen on (default 127.0.0.1; anything else exposes a backend that trusts
                      a public API key and development signing keys)
  --project-dir <dir> the Gen 1 project to serve (the folder holding amplify/; default this repository);
                      the config is written to its src/amplifyconfiguration.json
  --data-dir <path>   where data persists (default .local-backend-data in the project)
  --in-memory         keep nothing after exit
  --watch             recompile when the schema, a resolver or a custom stack changes (tables and
                      indexes follow, rows kept)
  --no-config         do not write src/amplifyconfiguration.json
  -h, --help          show this help`

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'cognito-port': { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'project-dir': { type: 'string' },
      'in-memory': { type: 'boolean' },
      watch: { type: 'boolean' },
      'no-config': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(usage)
    return
  }
  // Handle signals from the start: a Ctrl-C during start-up also stops what has started.
  const running: { backend?: LocalBackend } = {}
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: stopping the local backend...`)
    await running.backend?.stop()
    console.log('Stopped.')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
  const projectDir = path.resolve(values['project-dir'] ?? projectRoot)
  // Another project's tables are kept in that project's folder, not mixed with this one's.
  const dataDir =
    values['data-dir'] ??
    (values['project-dir'] ? path.join(projectDir, '.local-backend-data') : defaultDataDir)
  const { apiDir } = await readAmplifyProjectResources(projectDir)
  const configFile = path.join(projectDir, 'src/amplifyconfiguration.json')
  if (!values['no-config']) await mkdir(path.dirname(configFile), { recursive: true })
  const backend = await startLocalBackend({
    host: values.host,
    port: values.port === undefined ? undefined : parsePort(values.port, '--port'),
    cognitoPort:
      values['cognito-port'] === undefined ? undefined : parsePort(values['cognito-port'], '--cognito-port'),
    dataDir,
    inMemory: values['in-memory'],
    projectDir,
    writeConfigTo: values['no-config'] ? undefined : configFile,
    log: (line) => console.log(line),
  })
  running.backend = backend
  // performance.now() counts from the process's start: the honest figure, module loading included.
  printReady(backend, performance.now(), {
    dataDir: values['in-memory'] ? 'in memory' : path.relative(process.cwd(), dataDir) || '.',
    configFile: values['no-config'] ? undefined : path.relative(process.cwd(), configFile),
  })
  if (values.watch) watchApi(apiDir, backend)
}

function printReady(backend: LocalBackend, ms: number, where: { dataDir: string; configFile?: string }) {
  console.log(`Local backend ready in ${Math.round(ms)} ms
  GraphQL   ${backend.graphqlEndpoint}   (real-time: ${backend.realtimeEndpoint})
  Auth      ${backend.config.aws_appsync_authenticationType} by default${backend.config.aws_appsync_apiKey ? `; API key ${backend.apiKey}` : ''}
  Cognito   ${backend.hasUserPool ? `${backend.cognitoEndpoint}   pool ${backend.userPoolId}, client ${backend.userPoolClientId}` : 'none (the project has no auth resource)'}
  Data      ${where.dataDir}${where.configFile ? `\n  Config    ${where.configFile}` : ''}
Press Ctrl-C to stop.`)
}

function watchApi(apiDir: string, backend: LocalBackend) {
  let timer: NodeJS.Timeout | undefined
  const recompile = () => {
    const started = performance.now()
    backend.recompile().then(
      () => console.log(`Recompiled the API in ${Math.round(performance.now() - started)} ms.`),
      (error: Error) =>
        console.error(`The API did not compile; still serving the previous one.\n${error.message}`),
    )
  }
  watch(apiDir, { recursive: true }, (_event, file) => {
    const compiled = file?.endsWith('.graphql') || file?.endsWith('.vtl') || file?.endsWith('.json')
    if (!file || !compiled || file.startsWith('build')) return
    // Editors write a file in several steps; compile once they are done.
    clearTimeout(timer)
    timer = setTimeout(recompile, 100)
  })
  console.log('Watching the schema, resolvers and custom stacks for changes.')
}

function parsePort(value: string, option: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${option} must be a port number from 0 to 65535 (got "${value}").`)
  }
  return port
}

main().catch((error: Error) => {
  console.error(`npm run backend: ${error.message}`)
  process.exit(1)
})
