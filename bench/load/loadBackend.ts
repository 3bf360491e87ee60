import { startBackendProcess } from '../lib/benchBackend'
import type { LoadEndpoints } from '../../testkit/load/loadGraphql'
import type { BackendUsage, BackendUsageProbe } from '../../testkit/load/runLoad'

export const LOAD_BACKEND_READY_PREFIX = 'LOAD_BACKEND '
export const LOAD_BACKEND_USAGE_PREFIX = 'LOAD_BACKEND_USAGE '
/** The backend's fixed sign-up confirmation code, so the benchmark can make its users. */
export const LOAD_CONFIRMATION_CODE = '246810'

export interface LoadBackend extends LoadEndpoints {
  /** Peak memory and CPU time of the backend process between reset() and peak(), from its own samples. */
  usage: BackendUsageProbe
  stop(): Promise<void>
}

const USAGE_LINE = new RegExp(`^${LOAD_BACKEND_USAGE_PREFIX}(\\d+) (\\d+) (\\d+)$`, 'gm')

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
  const usage: BackendUsageProbe = {
    async reset() {
      phaseStart = child.output().length
    },
    async peak(): Promise<BackendUsage> {
      const peak: BackendUsage = { rssBytes: 0, heapUsedBytes: 0 }
      let firstCpu: number | undefined
      let lastCpu = 0
      for (const [, rss, heapUsed, cpu] of child.output().slice(phaseStart).matchAll(USAGE_LINE)) {
        peak.rssBytes = Math.max(peak.rssBytes, Number(rss))
        peak.heapUsedBytes = Math.max(peak.heapUsedBytes, Number(heapUsed))
        firstCpu ??= Number(cpu)
        lastCpu = Number(cpu)
      }
      // From the phase's first sample to its last: at most one sample interval short at either end.
      if (firstCpu !== undefined) peak.cpuMs = (lastCpu - firstCpu) / 1000
      return peak
    },
  }
  return { ...ready, usage, stop }
}
