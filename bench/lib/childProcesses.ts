import { spawn, type ChildProcess } from 'node:child_process'

/**
 * Child processes of the benchmark. Each gets its own process group (`detached`) so a stop reaches what it
 * started in turn (tsx's child, DynamoDB Local's java), and every group still running is killed when the
 * benchmark exits for any reason: a benchmark must not leave servers behind.
 */
const running = new Set<ChildProcess>()

export interface ExitResult {
  code: number | null
  signal: NodeJS.Signals | null
  /** Time from the stop signal to the exit. */
  stopMs: number
  /** True when the process ignored the signal and was killed. */
  forced: boolean
  /** True when processes of its group were still alive after it exited (they were killed). */
  leftProcesses: boolean
}

export interface WaitResult {
  /** Milliseconds from spawn to the output that matched. */
  elapsedMs: number
  match: RegExpMatchArray
}

export interface StartedProcess {
  readonly pid: number
  output(): string
  /** Resolves when the output matches `ready`; rejects when `failure` matches, the process exits or time is up. */
  waitFor(ready: RegExp, options: { timeoutMs: number; failure?: RegExp }): Promise<WaitResult>
  /** Sends `signal` to the process (or its whole group) and waits for it to exit, killing it after `graceMs`. */
  stop(signal: NodeJS.Signals, options: { graceMs: number; group?: boolean }): Promise<ExitResult>
}

export function startProcess(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; keepStdinOpen?: boolean },
): StartedProcess {
  const spawnedAt = performance.now()
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    // An open stdin pipe lets a child notice that the benchmark died (it sees end-of-file).
    stdio: [options.keepStdinOpen ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    detached: true,
  })
  if (child.pid === undefined) throw new Error(`could not start ${command}`)
  const pid = child.pid
  running.add(child)
  let output = ''
  const listeners = new Set<() => void>()
  const collect = (data: Buffer) => {
    output += data.toString('utf8')
    listeners.forEach((listener) => listener())
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  child.stdin?.on('error', () => {})
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(child)
      listeners.forEach((listener) => listener())
      resolve({ code, signal })
    })
  })
  const hasExited = () => child.exitCode !== null || child.signalCode !== null

  return {
    pid,
    output: () => output,
    waitFor(ready, { timeoutMs, failure }) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`no "${ready.source}" within ${timeoutMs} ms`)),
          timeoutMs,
        )
        const check = () => {
          const match = output.match(ready)
          if (match) return finish(undefined, match)
          const failed = failure && output.match(failure)
          if (failed) return finish(new Error(failed[0]))
          if (hasExited())
            finish(new Error(`exited (${child.exitCode ?? child.signalCode}) before it was ready`))
        }
        const finish = (error?: Error, match?: RegExpMatchArray) => {
          const elapsedMs = performance.now() - spawnedAt
          clearTimeout(timer)
          listeners.delete(check)
          if (error) reject(error)
          else resolve({ elapsedMs, match: match! })
        }
        listeners.add(check)
        check()
      })
    },
    async stop(signal, { graceMs, group = false }) {
      const started = performance.now()
      if (!hasExited()) signalProcess(group ? -pid : pid, signal)
      let forced = false
      const timer = setTimeout(() => {
        forced = true
        signalProcess(-pid, 'SIGKILL')
      }, graceMs)
      const { code, signal: exitSignal } = await exited
      clearTimeout(timer)
      const stopMs = performance.now() - started
      // Children of the process (tsx's worker, java) may take a moment longer than the process itself.
      const leftProcesses = await groupStillAliveAfter(pid, GROUP_EXIT_GRACE_MS)
      if (leftProcesses) signalProcess(-pid, 'SIGKILL')
      return { code, signal: exitSignal, stopMs, forced, leftProcesses }
    },
  }
}

function signalProcess(target: number, signal: NodeJS.Signals) {
  try {
    process.kill(target, signal)
  } catch {
    // Already gone.
  }
}

const GROUP_EXIT_GRACE_MS = 2000

async function groupStillAliveAfter(pid: number, graceMs: number): Promise<boolean> {
  const deadline = performance.now() + graceMs
  while (groupAlive(pid)) {
    if (performance.now() > deadline) return true
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return false
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Kills every process group the benchmark started that is still running (synchronous: safe in 'exit'). */
export function killAllProcesses() {
  for (const child of running) {
    if (child.pid !== undefined) signalProcess(-child.pid, 'SIGKILL')
  }
  running.clear()
}
