import { cp, mkdtemp, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { startChildGroup } from '../../testkit/childProcessGroup'

/**
 * How the backend is started:
 * - `npm`: `npm run backend`, as a user types it (npm, the tsx CLI and its second Node process included), timed
 *   until the endpoint answers a request and the config file is on disk;
 * - `tsx-cli`: the tsx CLI alone; `node-import`: one `node --import tsx` process (both until the ready line).
 */
export type Launcher = 'npm' | 'node-import' | 'tsx-cli'
export const LAUNCHERS: readonly Launcher[] = ['npm', 'node-import', 'tsx-cli']

export interface ColdStartRun {
  /** Spawn until the backend is usable: what a developer waits for. */
  wallMs: number
  /** The backend's own "ready in N ms", measured from its main() (so without Node start-up and imports). */
  reportedMs: number
  stopMs: number
  cleanExit: boolean
  problems: string[]
}

const READY_LINE = /Local backend ready in (\d+) ms/
const ENDPOINT_LINE = /GraphQL\s+(http:\/\/\S+)/
const READY_TIMEOUT_MS = 60_000
const STOP_GRACE_MS = 10_000

/**
 * A throwaway project folder holding a copy of `amplify/`, so the `npm` launcher writes its config there and
 * never into this repository's src/. The compiled-API cache is keyed by the schema's path as well as its
 * content, so one folder serves every run and `warmUp` fills the cache once, as a user's first start does.
 */
export class ColdStartProject {
  private constructor(readonly dir: string) {}

  static async create(projectRoot: string): Promise<ColdStartProject> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-cold-start-'))
    await cp(path.join(projectRoot, 'amplify'), path.join(dir, 'amplify'), { recursive: true })
    return new ColdStartProject(dir)
  }

  get configFile(): string {
    return path.join(this.dir, 'src', 'amplifyconfiguration.json')
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true })
  }
}

/**
 * One cold start with nothing persisted and no free-port luck needed: spawn, wait until it is usable, SIGTERM,
 * wait for the exit.
 */
export async function measureColdStart(
  projectRoot: string,
  launcher: Launcher,
  project: ColdStartProject,
): Promise<ColdStartRun> {
  const backendArgs = ['--in-memory', '--port', '0', '--cognito-port', '0']
  const [command, args] = launchCommand(projectRoot, launcher, [
    ...backendArgs,
    ...(launcher === 'npm' ? ['--project-dir', project.dir] : ['--no-config']),
  ])
  await rm(project.configFile, { force: true })
  const backend = startChildGroup(command, args, { cwd: projectRoot })
  const problems: string[] = []
  let wallMs = Number.NaN
  let reportedMs = Number.NaN
  try {
    const ready = await backend.waitFor(READY_LINE, {
      timeoutMs: READY_TIMEOUT_MS,
      failure: /npm run backend: .*/,
    })
    reportedMs = Number(ready.match[1])
    wallMs = ready.elapsedMs
    if (launcher === 'npm') {
      const endpoint = (await backend.waitFor(ENDPOINT_LINE, { timeoutMs: READY_TIMEOUT_MS })).match[1]
      await endpointAnswers(endpoint)
      await stat(project.configFile)
      wallMs = backend.elapsedMs()
    }
  } catch (error) {
    problems.push(`did not start: ${(error as Error).message}\n${lastLines(backend.output(), 10)}`)
  }
  // npm stops as a terminal's Ctrl-C stops it: the signal goes to the whole group.
  const exit = await backend.stop('SIGTERM', { graceMs: STOP_GRACE_MS, group: launcher === 'npm' })
  if (exit.forced) problems.push(`ignored SIGTERM for ${STOP_GRACE_MS} ms and was killed`)
  if (exit.leftProcesses) problems.push('left processes running after it exited (killed)')
  // npm reports a child stopped by a signal as its own failure; the backend itself exited cleanly.
  const failedExit = !exit.forced && exit.code !== 0 && !(launcher === 'npm' && exit.signal === 'SIGTERM')
  if (failedExit) problems.push(`exited with ${exit.code ?? exit.signal} after SIGTERM`)
  return { wallMs, reportedMs, stopMs: exit.stopMs, cleanExit: problems.length === 0, problems }
}

export function launchCommandLine(launcher: Launcher): string {
  if (launcher === 'npm') return 'npm run backend --'
  return launcher === 'node-import'
    ? 'node --import tsx local-backend/src/main.ts'
    : 'node_modules/.bin/tsx local-backend/src/main.ts'
}

function launchCommand(projectRoot: string, launcher: Launcher, backendArgs: string[]): [string, string[]] {
  const main = 'local-backend/src/main.ts'
  if (launcher === 'npm') return ['npm', ['run', '--silent', 'backend', '--', ...backendArgs]]
  if (launcher === 'node-import') return [process.execPath, ['--import', 'tsx', main, ...backendArgs]]
  return [path.join(projectRoot, 'node_modules', '.bin', 'tsx'), [main, ...backendArgs]]
}

/** Any HTTP answer from the GraphQL endpoint (a refusal included) means it is serving. */
async function endpointAnswers(endpoint: string): Promise<void> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  })
  await response.arrayBuffer()
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n')
}
