import path from 'node:path'
import { startChildGroup } from '../../testkit/childProcessGroup'

export type Launcher = 'node-import' | 'tsx-cli'

export interface ColdStartRun {
  /** Spawn until the "ready" line: what a developer waits for. */
  wallMs: number
  /** The backend's own "ready in N ms", measured from its main() (so without Node start-up and imports). */
  reportedMs: number
  stopMs: number
  cleanExit: boolean
  problems: string[]
}

const READY_LINE = /Local backend ready in (\d+) ms/
const READY_TIMEOUT_MS = 60_000
const STOP_GRACE_MS = 10_000

/**
 * One cold start of `npm run backend` with nothing persisted and no free-port luck needed: spawn, wait for its
 * ready line, SIGTERM, wait for the exit. `node --import tsx` is one process; the tsx CLI (what `npm run
 * backend` runs) starts a second Node process, so it costs one more Node start-up.
 */
export async function measureColdStart(projectRoot: string, launcher: Launcher): Promise<ColdStartRun> {
  const backendArgs = [
    'local-backend/src/main.ts',
    '--in-memory',
    '--no-config',
    '--port',
    '0',
    '--cognito-port',
    '0',
  ]
  const [command, args] =
    launcher === 'node-import'
      ? [process.execPath, ['--import', 'tsx', ...backendArgs]]
      : [path.join(projectRoot, 'node_modules', '.bin', 'tsx'), backendArgs]
  const backend = startChildGroup(command, args, { cwd: projectRoot })
  const problems: string[] = []
  let wallMs = Number.NaN
  let reportedMs = Number.NaN
  try {
    const ready = await backend.waitFor(READY_LINE, {
      timeoutMs: READY_TIMEOUT_MS,
      failure: /npm run backend: .*/,
    })
    wallMs = ready.elapsedMs
    reportedMs = Number(ready.match[1])
  } catch (error) {
    problems.push(`did not start: ${(error as Error).message}\n${lastLines(backend.output(), 10)}`)
  }
  const exit = await backend.stop('SIGTERM', { graceMs: STOP_GRACE_MS })
  if (exit.forced) problems.push(`ignored SIGTERM for ${STOP_GRACE_MS} ms and was killed`)
  if (exit.leftProcesses) problems.push('left processes running after it exited (killed)')
  if (!exit.forced && exit.code !== 0) problems.push(`exited with ${exit.code ?? exit.signal} after SIGTERM`)
  return { wallMs, reportedMs, stopMs: exit.stopMs, cleanExit: problems.length === 0, problems }
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n')
}
