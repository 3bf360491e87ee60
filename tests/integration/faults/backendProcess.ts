import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { projectRoot } from '../../../local-backend/src/compile/readApiProject'

export interface BackendEndpoints {
  graphqlEndpoint: string
  realtimeEndpoint: string
  cognitoEndpoint: string
  apiKey: string
}

export interface ExitStatus {
  code: number | null
  signal: NodeJS.Signals | null
  /** Milliseconds from spawn to exit. */
  afterMs: number
}

/**
 * `npm run backend` as the developer runs it, minus npm: `node --import tsx local-backend/src/main.ts`,
 * in a process group of its own as a terminal's foreground job is (a Ctrl-C reaches the whole group).
 * `cwd` and `env` let a test see what it writes outside its data folder.
 */
export class BackendProcess {
  readonly pid: number
  private text = ''
  private readonly listeners = new Set<() => void>()
  private exitStatus: ExitStatus | undefined

  constructor(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
    const started = performance.now()
    // An absolute loader URL, so the backend can run from a folder of its own (tsx resolves from the cwd).
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
    const child = spawn(
      process.execPath,
      ['--import', tsx, path.join(projectRoot, 'local-backend/src/main.ts'), ...args],
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    if (child.pid === undefined) throw new Error('the backend did not start')
    this.pid = child.pid
    const collect = (chunk: Buffer) => {
      this.text += chunk.toString('utf8')
      this.listeners.forEach((listener) => listener())
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.on('exit', (code, signal) => {
      this.exitStatus = { code, signal, afterMs: performance.now() - started }
      this.listeners.forEach((listener) => listener())
    })
  }

  output(): string {
    return this.text
  }

  /** Resolves with the endpoints once it printed that it is ready; rejects if it exits or after `timeoutMs`. */
  ready(timeoutMs = 60_000): Promise<BackendEndpoints> {
    return this.until(() => {
      if (!this.text.includes('Press Ctrl-C')) {
        if (this.exitStatus) throw new Error(`the backend exited before it was ready:\n${this.text}`)
        return undefined
      }
      const graphqlEndpoint = /GraphQL\s+(\S+)/.exec(this.text)![1]
      return {
        graphqlEndpoint,
        realtimeEndpoint: /real-time: (\S+?)\)/.exec(this.text)![1],
        cognitoEndpoint: /Cognito\s+(\S+)/.exec(this.text)![1],
        apiKey: /API key\s+(\S+)/.exec(this.text)![1],
      }
    }, timeoutMs)
  }

  /** Resolves once the process exited; rejects after `timeoutMs`. */
  exited(timeoutMs = 30_000): Promise<ExitStatus> {
    return this.until(() => this.exitStatus, timeoutMs)
  }

  /** Sends `signal` to the process, or to its whole group as a terminal's Ctrl-C does. */
  signal(signal: NodeJS.Signals, target: 'process' | 'group') {
    process.kill(target === 'group' ? -this.pid : this.pid, signal)
  }

  /**
   * Processes of its group still running (the backend or anything it started). Exited ones waiting to be
   * reaped do not count: tsx's esbuild helpers end with the backend, but this machine's init may reap
   * them seconds later. Reads /proc; where there is none, any member of the group counts.
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

  /** Ends whatever is left of the group (cleanup after a failed test). */
  kill() {
    if (groupExists(this.pid)) process.kill(-this.pid, 'SIGKILL')
  }

  private until<T>(check: () => T | undefined, timeoutMs: number): Promise<T> {
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
        () => finish(new Error(`not within ${timeoutMs} ms; backend output:\n${this.text.slice(-2000)}`)),
        timeoutMs,
      )
      this.listeners.add(listener)
      listener()
    })
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
