import path from 'node:path'
import { startProcess } from '../lib/childProcesses'
import type { LoadEndpoints } from '../../tests/integration/load/loadGraphql'
import type { MemoryPeak, MemoryProbe } from '../../tests/integration/load/runLoad'

export const LOAD_BACKEND_READY_PREFIX = 'LOAD_BACKEND '
export const LOAD_BACKEND_MEMORY_PREFIX = 'LOAD_BACKEND_MEMORY '
/** The backend's fixed sign-up confirmation code, so the benchmark can make its users. */
export const LOAD_CONFIRMATION_CODE = '246810'
const READY_TIMEOUT_MS = 60_000
const STOP_GRACE_MS = 10_000

export interface LoadBackend extends LoadEndpoints {
  /** Peak memory of the backend process between reset() and peak(), from its own samples. */
  memory: MemoryProbe
  stop(): Promise<void>
}

const MEMORY_LINE = new RegExp(`^${LOAD_BACKEND_MEMORY_PREFIX}(\\d+) (\\d+)$`, 'gm')

/** The local backend in its own process (./loadBackendServer.ts), with or without the project's fixes. */
export async function startLoadBackend(
  projectRoot: string,
  options: { stock: boolean },
): Promise<LoadBackend> {
  const entry = path.join(projectRoot, 'bench', 'load', 'loadBackendServer.ts')
  const child = startProcess(
    process.execPath,
    ['--import', 'tsx', entry, ...(options.stock ? ['--stock'] : [])],
    {
      cwd: projectRoot,
      keepStdinOpen: true,
    },
  )
  const stop = async () => {
    const exit = await child.stop('SIGTERM', { graceMs: STOP_GRACE_MS })
    if (exit.forced || exit.leftProcesses) console.log('  (the load backend had to be killed)')
  }
  let ready
  try {
    ready = await child.waitFor(new RegExp(`^${LOAD_BACKEND_READY_PREFIX}(.+)$`, 'm'), {
      timeoutMs: READY_TIMEOUT_MS,
      failure: /^load backend: .*/m,
    })
  } catch (error) {
    await stop()
    throw new Error(
      `the load backend did not start: ${(error as Error).message}\n${child.output().slice(-2000)}`,
      {
        cause: error,
      },
    )
  }
  let phaseStart = child.output().length
  const memory: MemoryProbe = {
    async reset() {
      phaseStart = child.output().length
    },
    async peak(): Promise<MemoryPeak> {
      const peak: MemoryPeak = { rssBytes: 0, heapUsedBytes: 0 }
      for (const [, rss, heapUsed] of child.output().slice(phaseStart).matchAll(MEMORY_LINE)) {
        peak.rssBytes = Math.max(peak.rssBytes, Number(rss))
        peak.heapUsedBytes = Math.max(peak.heapUsedBytes, Number(heapUsed))
      }
      return peak
    },
  }
  return { ...(JSON.parse(ready.match[1]) as LoadEndpoints), memory, stop }
}
