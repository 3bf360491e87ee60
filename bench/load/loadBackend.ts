import { startBackendProcess } from '../lib/benchBackend'
import type { LoadEndpoints } from '../../tests/integration/load/loadGraphql'
import type { MemoryPeak, MemoryProbe } from '../../tests/integration/load/runLoad'

export const LOAD_BACKEND_READY_PREFIX = 'LOAD_BACKEND '
export const LOAD_BACKEND_MEMORY_PREFIX = 'LOAD_BACKEND_MEMORY '
/** The backend's fixed sign-up confirmation code, so the benchmark can make its users. */
export const LOAD_CONFIRMATION_CODE = '246810'

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
  const { ready, child, stop } = await startBackendProcess<LoadEndpoints>({
    projectRoot,
    script: 'bench/load/loadBackendServer.ts',
    stock: options.stock,
    readyPrefix: LOAD_BACKEND_READY_PREFIX,
    label: 'load backend',
  })
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
  return { ...ready, memory, stop }
}
