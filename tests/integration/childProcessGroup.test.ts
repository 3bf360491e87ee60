import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { killAllChildGroups, runToCompletion, startChildGroup } from '../../testkit/childProcessGroup'

/**
 * The process-group module the tests, benchmarks and scripts share: what each stop reaches. The children are
 * `sh` with a background `sleep` (a grandchild, as tsx's worker or the CLI's java is). Waits are for events;
 * the ceilings are for a busy machine.
 */

const CEILING_MS = 60_000

/** True while the process exists and is not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0])
  } catch {
    return false
  }
}

async function gone(pid: number): Promise<boolean> {
  const deadline = performance.now() + CEILING_MS
  while (alive(pid)) {
    if (performance.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return true
}

describe('child process groups', () => {
  it('runToCompletion returns the output and exit code of a command', async () => {
    const result = await runToCompletion('sh', ['-c', 'echo out; echo err >&2; exit 3'], {
      cwd: process.cwd(),
      timeoutMs: CEILING_MS,
    })
    expect(result).toMatchObject({ code: 3, signal: null, timedOut: false })
    expect(result.output).toContain('out')
    expect(result.output).toContain('err')
  })

  it('a timed-out command loses its whole group, grandchildren included', async () => {
    const result = await runToCompletion('sh', ['-c', 'sleep 300 & echo "grandchild $!"; wait'], {
      cwd: process.cwd(),
      timeoutMs: 1000,
    })
    expect(result.timedOut).toBe(true)
    const grandchild = Number(/grandchild (\d+)/.exec(result.output)![1])
    expect(await gone(grandchild)).toBe(true)
  })

  it('stop() signals the process, then kills what its group left behind', async () => {
    // The shell exits on SIGTERM, as a server would, but leaves its background child running.
    const group = startChildGroup('sh', ['-c', `trap 'exit 0' TERM; sleep 300 & echo ready; wait`], {
      cwd: process.cwd(),
    })
    await group.waitFor(/ready/, { timeoutMs: CEILING_MS })
    expect(group.liveGroupMembers().length).toBe(2)
    const result = await group.stop('SIGTERM', { graceMs: CEILING_MS })
    expect(result).toMatchObject({ code: 0, forced: false, leftProcesses: true })
    expect(await gone(group.pid)).toBe(true)
    const deadline = performance.now() + CEILING_MS
    while (group.liveGroupMembers().length > 0 && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect(group.liveGroupMembers()).toEqual([])
  })

  it('stop() kills a process that ignores the signal once the grace period is over', async () => {
    const group = startChildGroup('sh', ['-c', `trap '' TERM; echo ready; while :; do sleep 1; done`], {
      cwd: process.cwd(),
    })
    await group.waitFor(/ready/, { timeoutMs: CEILING_MS })
    const result = await group.stop('SIGTERM', { graceMs: 500, group: true })
    expect(result).toMatchObject({ signal: 'SIGKILL', forced: true })
  })

  it('killAllChildGroups() ends every group still running, at once (an exit handler cannot wait)', async () => {
    const groups = [1, 2].map(() =>
      startChildGroup('sh', ['-c', 'sleep 300 & echo ready; wait'], { cwd: process.cwd() }),
    )
    await Promise.all(groups.map((group) => group.waitFor(/ready/, { timeoutMs: CEILING_MS })))
    killAllChildGroups()
    for (const group of groups) {
      await expect(group.exited(CEILING_MS)).resolves.toMatchObject({ signal: 'SIGKILL' })
      const deadline = performance.now() + CEILING_MS
      while (group.liveGroupMembers().length > 0 && performance.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50))
      expect(group.liveGroupMembers()).toEqual([])
    }
  })
})
