import { startBackendProcess } from '../lib/benchBackend'
import type { LoadEndpoints } from '../../testkit/load/loadGraphql'
import type { BackendUsage, BackendUsageProbe } from '../../testkit/load/runLoad'

export const LOAD_BACKEND_READY_PREFIX = 'LOAD_BACKEND '
export const LOAD_BACKEND_USAGE_PREFIX = 'LOAD_BACKEND_USAGE '
export const LOAD_BACKEND_SETTLED_PREFIX = 'LOAD_BACKEND_SETTLED '
/** The backend's fixed sign-up confirmation code, so the benchmark can make its users. */
export const LOAD_CONFIRMATION_CODE = '246810'

/** The backend's memory right after a full garbage collection (when it runs with --expose-gc). */
export interface SettledMemory {
  rssBytes: number
  heapUsedBytes: number
  /** Memory outside the JS heap: socket and message buffers. */
  externalBytes: number
  collected: boolean
}

export interface LoadBackend extends LoadEndpoints {
  /** Peak memory and CPU time of the backend process between reset() and peak(), from its own samples. */
  usage: BackendUsageProbe
  /** Collects garbage in the backend process and reports what is left. */
  settledMemory(): Promise<SettledMemory>
  stop(): Promise<void>
}

const USAGE_LINE = new RegExp(`^${LOAD_BACKEND_USAGE_PREFIX}(\\d+) (\\d+) (\\d+)$`, 'gm')
const SETTLED_LINE = new RegExp(`^${LOAD_BACKEND_SETTLED_PREFIX}(\\d+) (\\d+) (\\d+) (gc|no-gc)$`, 'm')
const SETTLE_TIMEOUT_MS = 60_000

/** The local backend in its own process (./loadBackendServer.ts), with or without the project's fixes. */
export async function startLoadBackend(
  projectRoot: string,
  options: { stock: boolean; dataDir?: string; exposeGc?: boolean },
): Promise<LoadBackend> {
  const { ready, child, stop } = await startBackendProcess<LoadEndpoints>({
    projectRoot,
    script: 'bench/load/loadBackendServer.ts',
    stock: options.stock,
    readyPrefix: LOAD_BACKEND_READY_PREFIX,
    label: 'load backend',
    nodeArgs: options.exposeGc ? ['--expose-gc'] : [],
    args: options.dataDir ? ['--data-dir', options.dataDir] : [],
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
  const settledMemory = async (): Promise<SettledMemory> => {
    const from = child.output().length
    child.write('settle\n')
    const match = await child.until(
      () => child.output().slice(from).match(SETTLED_LINE) ?? undefined,
      SETTLE_TIMEOUT_MS,
      'the settled-memory line',
    )
    return {
      rssBytes: Number(match[1]),
      heapUsedBytes: Number(match[2]),
      externalBytes: Number(match[3]),
      collected: match[4] === 'gc',
    }
  }
  return { ...ready, usage, settledMemory, stop }
}
