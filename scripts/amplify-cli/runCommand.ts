import { spawn, type ChildProcess } from 'node:child_process'

export interface CommandResult {
  /** Exit code, or null when the process was ended by a signal. */
  code: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  /** stdout and stderr interleaved in arrival order. */
  output: string
  durationMs: number
}

export interface RunOptions {
  cwd: string
  env: NodeJS.ProcessEnv
  timeoutMs: number
  /** Called with every chunk of output (for progress logs); the output is captured either way. */
  onOutput?: (chunk: string) => void
  shell?: boolean
}

const running = new Set<ChildProcess>()

/**
 * Runs a command with no stdin (nothing may wait for an answer in CI) and captures its output.
 * Each child gets its own process group so a timeout or Ctrl-C ends npm's or the CLI's own children too.
 */
export function runCommand(command: string, args: string[], options: RunOptions): Promise<CommandResult> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      shell: options.shell ?? false,
    })
    running.add(child)
    let output = ''
    let timedOut = false
    const collect = (data: Buffer) => {
      const text = data.toString('utf8')
      output += text
      options.onOutput?.(text)
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
    const timer = setTimeout(() => {
      timedOut = true
      endProcessTree(child, 'SIGTERM')
      setTimeout(() => endProcessTree(child, 'SIGKILL'), 5000).unref()
    }, options.timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      running.delete(child)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      running.delete(child)
      resolve({ code, signal, timedOut, output, durationMs: Date.now() - started })
    })
  })
}

function endProcessTree(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    // The negative pid addresses the group created by `detached: true`: only processes this script started.
    if (process.platform === 'win32') child.kill(signal)
    else process.kill(-child.pid, signal)
  } catch {
    // Already gone.
  }
}

/** Ends every command still running (used when this script itself is interrupted). */
export function endRunningCommands() {
  for (const child of running) endProcessTree(child, 'SIGTERM')
}

/** The last `count` lines of a command's output, for error messages. */
export function tail(output: string, count: number): string {
  const lines = output.replace(/\s+$/, '').split(/\r?\n/)
  return lines.slice(-count).join('\n')
}
