import type { BackendUsage, BackendUsageProbe } from './runLoad'

/**
 * Peak memory of this process between reset() and peak(), sampled every `intervalMs` (a backend started
 * in-process shares it with the test's clients, which keep little: what they receive is dropped or merged).
 * `stop()` ends the sampling.
 */
export function processMemoryProbe(
  intervalMs = 25,
): BackendUsageProbe & { baseline(): BackendUsage; stop(): void } {
  let peak: BackendUsage = { rssBytes: 0, heapUsedBytes: 0 }
  let baseline: BackendUsage = { rssBytes: 0, heapUsedBytes: 0 }
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage()
    peak = { rssBytes: Math.max(peak.rssBytes, rss), heapUsedBytes: Math.max(peak.heapUsedBytes, heapUsed) }
  }
  const timer = setInterval(sample, intervalMs)
  return {
    async reset() {
      const { rss, heapUsed } = process.memoryUsage()
      baseline = { rssBytes: rss, heapUsedBytes: heapUsed }
      peak = { ...baseline }
    },
    async peak() {
      sample()
      return peak
    },
    baseline: () => baseline,
    stop: () => clearInterval(timer),
  }
}
