import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'

/**
 * The one place that starts and stops child processes for the tests, the benchmarks and the scripts.
 *
 * Each child runs in a process group of its own (`detached`), as a terminal's foreground job does, so a stop
 * or a Ctrl-C reaches what it started in turn (tsx's worker, npm's scripts, the Amplify CLI's java), and
 * nothing else. A library such as execa kills the child's pid, not its group, and reaps no grandchildren;
 * the group is what the callers need, so it is handled here. POSIX only (process groups).
 */

export interface ExitStatus {
  /** Exit code, or null when a signal ended the process. */
  code: number | null
  signal: NodeJS.Signals | null
  /** Milliseconds from spawn to exit. */
  afterMs: number
}

export interface StopResult extends ExitStatus {
  /** Milliseconds from the stop signal to the exit. */
  stopMs: number
  /** True when the process ignored the signal and was killed. */
  forced: boolean
  /** True when members of its group were still alive after it exited (they were killed). */
  leftProcesses: boolean
}

export interface StartOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  /** 'pipe' keeps stdin open, so a child can notice that its parent died (it sees end-of-file). */
  stdin?: 'ignore' | 'pipe'
  shell?: boolean
  /** Called with every chunk of stdout and stderr; the output is kept either way. */
  onOutput?: (chunk: string) => void
}

const running = new Set<ChildProcessGroup>()

/** Members of a group may outlive its leader for a moment (tsx's worker, java). */
const GROUP_EXIT_GRACE_MS = 2000

export class ChildProcessGroup {
  readonly pid: number
  private text = ''
  private exitStatus: ExitStatus | undefined
  private readonly listeners = new Set<() => void>()
  private readonly child: ChildProcess
  private readonly startedAt = performance.now()
  /** Resolves once the process exited and its output streams closed (every chunk has been collected). */
  readonly closed: Promise<ExitStatus>
  private readonly exit: Promise<ExitStatus>

  constructor(command: string, args: string[], options: StartOptions) {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
      shell: options.shell ?? false,
      detached: true,
    })
    this.child = child
    let spawnError: Error | undefined
    child.on('error', (error) => {
      spawnError = error
      this.notify()
    })
    if (child.pid === undefined) throw new Error(`could not start ${command}`)
    this.pid = child.pid
    running.add(this)
    const collect = (data: Buffer) => {
      const chunk = data.toString('utf8')
      this.text += chunk
      options.onOutput?.(chunk)
      this.notify()
    }
    child.stdout!.on('data', collect)
    child.stderr!.on('data', collect)
    child.stdin?.on('error', () => {})
    this.exit = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exitStatus = { code, signal, afterMs: performance.now() - this.startedAt }
        running.delete(this)
        resolve(this.exitStatus)
        this.notify()
      })
    })
    this.closed = new Promise((resolve, reject) => {
      child.on('close', () => (spawnError ? reject(spawnError) : resolve(this.exitStatus!)))
    })
    this.closed.catch(() => {})
  }

  output(): string {
    return this.text
  }

  /** Milliseconds since the spawn. */
  elapsedMs(): number {
    return performance.now() - this.startedAt
  }

  get hasExited(): boolean {
    return this.exitStatus !== undefined
  }

  /**
   * Resolves with `check()`'s first defined value, checked now and on each output chunk and on exit;
   * rejects when `check` throws or after `timeoutMs` (a ceiling: the wait ends on the event).
   */
  until<T>(check: () => T | undefined, timeoutMs: number, what = 'the awaited output'): Promise<T> {
    return new Promise((resolve, reject) => {
      const finish = (error?: unknown, value?: T) => {
        clearTimeout(timer)
        this.listeners.delete(listener)
        if (error) reject(error)
        else resolve(value as T)
      }
      const listener = () => {
        try {
          const value = check()
          if (value !== undefined) finish(undefined, value)
        } catch (error) {
          finish(error)
        }
      }
      const timer = setTimeout(
        () => finish(new Error(`${what} not within ${timeoutMs} ms; output:\n${this.text.slice(-2000)}`)),
        timeoutMs,
      )
      this.listeners.add(listener)
      listener()
    })
  }

  /**
   * Resolves when the output matches `ready` (with the time from spawn); rejects when `failure` matches,
   * the process exits first, or after `timeoutMs`.
   */
  waitFor(
    ready: RegExp,
    options: { timeoutMs: number; failure?: RegExp },
  ): Promise<{ elapsedMs: number; match: RegExpMatchArray }> {
    return this.until(
      () => {
        const match = this.text.match(ready)
        if (match) return { elapsedMs: performance.now() - this.startedAt, match }
        const failed = options.failure && this.text.match(options.failure)
        if (failed) throw new Error(failed[0])
        if (this.exitStatus) {
          const { code, signal } = this.exitStatus
          throw new Error(`exited (${code ?? signal}) before it printed "${ready.source}"`)
        }
        return undefined
      },
      options.timeoutMs,
      `"${ready.source}"`,
    )
  }

  /** Resolves once the process exited; rejects after `timeoutMs`. */
  exited(timeoutMs = 120_000): Promise<ExitStatus> {
    return this.until(() => this.exitStatus, timeoutMs, 'the exit')
  }

  /** Sends `signal` to the process, or to its whole group as a terminal's Ctrl-C does. */
  signal(signal: NodeJS.Signals, target: 'process' | 'group') {
    signalTarget(target === 'group' ? -this.pid : this.pid, signal)
  }

  /** Writes to the child's stdin, when it was started with `stdin: 'pipe'`. */
  write(text: string) {
    this.child.stdin?.write(text)
  }

  /** Ends stdin (a child that watches it takes end-of-file as the signal to stop). */
  endInput() {
    this.child.stdin?.end()
  }

  /**
   * Sends `signal` to the process (or its group) and waits for it to exit, killing the group after
   * `graceMs`; then kills any member of its group still alive.
   */
  async stop(signal: NodeJS.Signals, options: { graceMs: number; group?: boolean }): Promise<StopResult> {
    const started = performance.now()
    if (!this.exitStatus) this.signal(signal, options.group ? 'group' : 'process')
    let forced = false
    const timer = setTimeout(() => {
      forced = true
      this.kill()
    }, options.graceMs)
    const status = await this.exit
    clearTimeout(timer)
    const stopMs = performance.now() - started
    const leftProcesses = await this.groupStillAliveAfter(GROUP_EXIT_GRACE_MS)
    if (leftProcesses) this.kill()
    return { ...status, stopMs, forced, leftProcesses }
  }

  /**
   * Processes of its group still running. Exited ones waiting to be reaped do not count: tsx's esbuild
   * helpers end with their parent, but this machine's init may reap them seconds later. Reads /proc; where
   * there is none, any member of the group counts.
   */
  liveGroupMembers(): number[] {
    if (!existsSync('/proc/self/stat')) return groupExists(this.pid) ? [this.pid] : []
    const members: number[] = []
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      let stat: string
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      } catch {
        continue
      }
      // pid (comm) state ppid pgrp ...: comm may hold spaces, so read after its closing parenthesis.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(pgrp) === this.pid && state !== 'Z' && state !== 'X') members.push(Number(entry))
    }
    return members
  }

  /** Kills whatever is left of the group (SIGKILL; synchronous, so it is safe in an 'exit' handler). */
  kill() {
    signalTarget(-this.pid, 'SIGKILL')
  }

  private notify() {
    this.listeners.forEach((listener) => listener())
  }

  private async groupStillAliveAfter(graceMs: number): Promise<boolean> {
    const deadline = performance.now() + graceMs
    while (this.liveGroupMembers().length > 0) {
      if (performance.now() > deadline) return true
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return false
  }
}

/** Starts `command` in a process group of its own. */
export function startChildGroup(command: string, args: string[], options: StartOptions): ChildProcessGroup {
  return new ChildProcessGroup(command, args, options)
}

export interface CommandResult {
  /** Exit code, or null when the process was ended by a signal. */
  code: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  /** stdout and stderr interleaved in arrival order. */
  output: string
  durationMs: number
}

/**
 * Runs a command to its end with no stdin (nothing may wait for an answer in CI) and returns its output.
 * After `timeoutMs` its group gets SIGTERM, and SIGKILL 5 s later.
 */
export async function runToCompletion(
  command: string,
  args: string[],
  options: StartOptions & { timeoutMs: number },
): Promise<CommandResult> {
  const group = startChildGroup(command, args, { ...options, stdin: 'ignore' })
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    group.signal('SIGTERM', 'group')
    setTimeout(() => group.kill(), 5000).unref()
  }, options.timeoutMs)
  try {
    const { code, signal, afterMs } = await group.closed
    return { code, signal, timedOut, output: group.output(), durationMs: afterMs }
  } finally {
    clearTimeout(timer)
  }
}

/** The last `count` lines of a command's output, for error messages. */
export function outputTail(output: string, count: number): string {
  const lines = output.replace(/\s+$/, '').split(/\r?\n/)
  return lines.slice(-count).join('\n')
}

/** Sends `signal` to every group started here that is still running (a script's own Ctrl-C). */
export function signalAllChildGroups(signal: NodeJS.Signals) {
  for (const group of running) group.signal(signal, 'group')
}

/** Kills every group started here that is still running (synchronous: safe in an 'exit' handler). */
export function killAllChildGroups() {
  for (const group of running) group.kill()
  running.clear()
}

function signalTarget(target: number, signal: NodeJS.Signals) {
  try {
    process.kill(target, signal)
  } catch {
    // Already gone.
  }
}

function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
