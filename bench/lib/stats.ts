/** Small statistics and formatting helpers for the backend benchmark's figures. */

export function median(values: number[]): number {
  if (!values.length) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Nearest-rank percentile (p in 0..100): the value at or below which p% of the samples fall. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]
}

export function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0)
}

/** Milliseconds with a precision that suits their size: 0.84 ms, 12.3 ms, 4123 ms. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  if (value < 10) return `${value.toFixed(2)} ms`
  if (value < 100) return `${value.toFixed(1)} ms`
  return `${Math.round(value)} ms`
}

/** The individual runs behind a median, so a reader sees the spread. */
export function runList(values: number[], format: (value: number) => string = (v) => String(Math.round(v))) {
  return values.map(format).join(', ')
}

export function verdict(met: boolean): string {
  return met ? 'met' : 'NOT met'
}
