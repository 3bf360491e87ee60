import { median, ms, sum, verdict } from '../lib/stats'
import type { LoadResult } from '../../testkit/load/runLoad'

/** The shape of a bench:load run (see bench/load.ts --help). */
export interface LoadBenchOptions {
  messages: number
  rooms: number
  perRoom: number
  publishers: number
  seed: number
  runs: number
}

export interface ConfigurationRuns {
  name: string
  runs: LoadResult[]
}

const P50_TARGET_MS = 10
const THROUGHPUT_RATIO_TARGET = 3

const mb = (bytes: number) => (bytes > 0 ? `${Math.round(bytes / 2 ** 20)} MB` : 'n/a')
const rate = (value: number) => `${value.toFixed(value < 100 ? 1 : 0)}/s`
/** Backend CPU per accepted message, in ms: steadier than throughput on a shared machine. */
const cpuPerMessage = (r: LoadResult) =>
  r.usage?.cpuMs !== undefined && r.publish.accepted > 0 ? r.usage.cpuMs / r.publish.accepted : 0
const cpuMs = (value: number) => (value > 0 ? `${value.toFixed(2)} ms` : 'n/a')

export function printRun(result: LoadResult) {
  const d = result.deliveries
  console.log(
    `    ${rate(result.publish.perSecond)} accepted, p50 ${ms(result.latencyP50)}, p99 ${ms(result.latencyP99)}; ` +
      `lost ${d.lost}, duplicated ${d.duplicates}, wrong room ${d.wrongRoom}, order violations ${d.orderViolations}, ` +
      `timelines != server ${result.timelines.mismatched}/${result.timelines.checked}; ` +
      `backend peak RSS ${mb(result.usage?.rssBytes ?? 0)}, CPU ${cpuMs(cpuPerMessage(result))} per message`,
  )
  for (const error of result.publish.errors) console.log(`    publish error: ${error}`)
  for (const example of result.timelines.examples) console.log(`    timeline: ${example}`)
  if (result.publish.truncated) console.log('    (the time limit ended publishing early)')
}

/** What the fixed backend must show; the stock simulator's wrong-room deliveries are its known bug. */
function correct(runs: LoadResult[]): boolean {
  return runs.every(
    (r) =>
      r.publish.failed === 0 &&
      !r.publish.truncated &&
      r.deliveries.lost === 0 &&
      r.deliveries.duplicates === 0 &&
      r.deliveries.wrongRoom === 0 &&
      r.deliveries.orderViolations === 0 &&
      r.deliveries.unknown === 0 &&
      r.timelines.mismatched === 0,
  )
}

/** Prints both configurations side by side; returns whether the fixed backend delivered correctly. */
export function printSummary(
  options: LoadBenchOptions,
  fixed: ConfigurationRuns,
  stock: ConfigurationRuns,
  ratio: number,
): boolean {
  const first = fixed.runs[0]
  const column = (runs: LoadResult[], pick: (r: LoadResult) => number, format: (v: number) => string) =>
    format(median(runs.map(pick)))
  const total = (runs: LoadResult[], pick: (r: LoadResult) => number) => String(sum(runs.map(pick)))
  const rows: [string, string, string, string][] = [
    [
      'messages accepted (per run)',
      column(fixed.runs, (r) => r.publish.accepted, String),
      column(stock.runs, (r) => r.publish.accepted, String),
      `${options.messages}`,
    ],
    [
      'create errors',
      total(fixed.runs, (r) => r.publish.failed),
      total(stock.runs, (r) => r.publish.failed),
      '0',
    ],
    [
      'deliveries due',
      total(fixed.runs, (r) => r.deliveries.expected),
      total(stock.runs, (r) => r.deliveries.expected),
      '',
    ],
    [
      'messages lost',
      total(fixed.runs, (r) => r.deliveries.lost),
      total(stock.runs, (r) => r.deliveries.lost),
      '0',
    ],
    [
      'duplicated',
      total(fixed.runs, (r) => r.deliveries.duplicates),
      total(stock.runs, (r) => r.deliveries.duplicates),
      '0',
    ],
    [
      'delivered to the wrong room',
      total(fixed.runs, (r) => r.deliveries.wrongRoom),
      total(stock.runs, (r) => r.deliveries.wrongRoom),
      '0 (stock ignores roomName)',
    ],
    [
      'per-publisher order violations',
      total(fixed.runs, (r) => r.deliveries.orderViolations),
      total(stock.runs, (r) => r.deliveries.orderViolations),
      '0',
    ],
    [
      'timelines != server history',
      total(fixed.runs, (r) => r.timelines.mismatched),
      total(stock.runs, (r) => r.timelines.mismatched),
      '0',
    ],
    [
      'latency p50',
      column(fixed.runs, (r) => r.latencyP50, ms),
      column(stock.runs, (r) => r.latencyP50, ms),
      `at saturation; < ${P50_TARGET_MS} ms is bench:backend's, one at a time`,
    ],
    [
      'latency p99',
      column(fixed.runs, (r) => r.latencyP99, ms),
      column(stock.runs, (r) => r.latencyP99, ms),
      '',
    ],
    [
      'accepted messages per second',
      column(fixed.runs, (r) => r.publish.perSecond, rate),
      column(stock.runs, (r) => r.publish.perSecond, rate),
      '',
    ],
    [
      'backend CPU per message',
      column(fixed.runs, cpuPerMessage, cpuMs),
      column(stock.runs, cpuPerMessage, cpuMs),
      'publishing and delivering, user + system',
    ],
    [
      'backend peak RSS under load',
      column(fixed.runs, (r) => r.usage?.rssBytes ?? 0, mb),
      column(stock.runs, (r) => r.usage?.rssBytes ?? 0, mb),
      '',
    ],
    [
      'backend peak heap under load',
      column(fixed.runs, (r) => r.usage?.heapUsedBytes ?? 0, mb),
      column(stock.runs, (r) => r.usage?.heapUsedBytes ?? 0, mb),
      '',
    ],
  ]
  const ok = correct(fixed.runs)
  const stockLossFree = stock.runs.every((r) => r.deliveries.lost === 0)
  console.log(
    `\nSummary: ${first.subscribers} subscribers (${first.signedInSubscribers} signed in) in ${options.rooms} rooms ` +
      `(open ${first.roomsByKind.open}, room ${first.roomsByKind.room}, closed ${first.roomsByKind.closed}), ` +
      `${options.publishers} publishers; ${options.runs === 1 ? 'one run each' : `medians of ${options.runs} runs, counts summed`}`,
  )
  console.log(`  ${'Figure'.padEnd(32)} ${fixed.name.padStart(22)} ${stock.name.padStart(16)}  Target`)
  for (const [label, a, b, target] of rows)
    console.log(`  ${label.padEnd(32)} ${a.padStart(22)} ${b.padStart(16)}  ${target}`)
  console.log(
    `  ${'throughput fixed / stock'.padEnd(32)} ${`${ratio.toFixed(2)}x`.padStart(22)} ${''.padStart(16)}  >= ${THROUGHPUT_RATIO_TARGET}x with no loss: ${verdict(ratio >= THROUGHPUT_RATIO_TARGET && ok)}`,
  )
  const cpuRatio = median(stock.runs.map(cpuPerMessage)) / median(fixed.runs.map(cpuPerMessage))
  if (Number.isFinite(cpuRatio) && cpuRatio > 0)
    console.log(
      `  ${'backend CPU per message, stock / fixed'.padEnd(32)} ${`${cpuRatio.toFixed(2)}x`.padStart(22)}`,
    )
  console.log(
    `  fixed backend: ${ok ? 'nothing lost, duplicated, misrouted or reordered' : 'DELIVERY PROBLEMS (see above)'}; ` +
      `stock simulator: ${stockLossFree ? 'no loss' : 'lost messages'}, wrong-room deliveries are its known bug`,
  )
  return ok
}
