// npm run bench:load — many clients over the AppSync real-time protocol against the local backend, and the
// same load against the stock simulator (no fixes) in the same run: messages lost, duplicated, delivered to
// the wrong room, per-publisher order violations, latency p50/p99, accepted messages per second and the
// backend's peak memory, side by side with the ratio. Figures, not assertions; exits 1 when the fixed
// backend loses, duplicates, misroutes or reorders a message. Loopback only. `--help` lists the options.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { killAllChildGroups } from '../testkit/childProcessGroup'
import { median } from './lib/stats'
import { LOAD_CONFIRMATION_CODE, startLoadBackend } from './load/loadBackend'
import { printRun, printSummary, type ConfigurationRuns, type LoadBenchOptions } from './load/loadReport'
import { runLoad, type LoadResult } from '../testkit/load/runLoad'
import { runScaleBench, type ScaleOptions } from './scale/runScale'

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..')
const PUBLISH_TIME_LIMIT_MS = 10 * 60_000
const DELIVERY_TIMEOUT_MS = 30_000
const CONNECT_TIMEOUT_MS = 120_000

const usage = `Usage: npm run bench:load -- [options]

Options (each also as an environment variable):
  --messages <n>    creates per run, shared by the publishers (BENCH_LOAD_MESSAGES, default 10000)
  --rooms <n>       rooms: the open chat, then room chats and closed rooms in turn (BENCH_LOAD_ROOMS, default 10)
  --per-room <n>    subscribers per room, one WebSocket each (BENCH_LOAD_PER_ROOM, default 10)
  --publishers <n>  concurrent publishers, each a signed-in user (BENCH_LOAD_PUBLISHERS, default 10)
  --seed <n>        messages per room before the subscribers come (BENCH_LOAD_SEED, default 5)
  --runs <n>        runs per configuration, fixed and stock alternating; medians are printed
                    (BENCH_LOAD_RUNS, default 1)
  --scale           instead: the scale run (fixed backend only): CPU per delivery and memory per subscriber at
                    each --scale-subscribers count (ten per room; default 100,300,1000, --messages each,
                    default 2000), history-page time in rooms of each --scale-history size (default
                    1000,10000,100000) next to a two-page room
  -h, --help        show this help`

function readOptions(): (LoadBenchOptions & { scale?: ScaleOptions }) | undefined {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string' },
      rooms: { type: 'string' },
      'per-room': { type: 'string' },
      publishers: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      scale: { type: 'boolean' },
      'scale-subscribers': { type: 'string' },
      'scale-history': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(usage)
    return undefined
  }
  const count = (flag: string, env: string, fallback: number, min: number, max: number) => {
    const raw = (values as Record<string, string | undefined>)[flag] ?? process.env[env]
    if (raw === undefined || raw === '') return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`--${flag} (${env}) must be a whole number from ${min} to ${max} (got "${raw}")`)
    }
    return value
  }
  const options: LoadBenchOptions & { scale?: ScaleOptions } = {
    messages: count('messages', 'BENCH_LOAD_MESSAGES', 10_000, 1, 100_000),
    rooms: count('rooms', 'BENCH_LOAD_ROOMS', 10, 1, 100),
    perRoom: count('per-room', 'BENCH_LOAD_PER_ROOM', 10, 1, 100),
    publishers: count('publishers', 'BENCH_LOAD_PUBLISHERS', 10, 1, 100),
    // More than one history page would leave older seeds out of the first page, as in the app.
    seed: count('seed', 'BENCH_LOAD_SEED', 5, 0, 40),
    runs: count('runs', 'BENCH_LOAD_RUNS', 1, 1, 10),
  }
  if (options.rooms * options.perRoom > 1000)
    throw new Error('at most 1,000 subscribers (--rooms x --per-room)')
  if (values.scale) {
    const list = (flag: string, raw: string | undefined, fallback: number[], max: number) => {
      if (raw === undefined) return fallback
      const sizes = raw.split(',').map(Number)
      if (sizes.some((n) => !Number.isInteger(n) || n < 10 || n > max))
        throw new Error(`--${flag} takes whole numbers from 10 to ${max}, comma-separated (got "${raw}")`)
      return sizes
    }
    const explicitMessages = values.messages ?? process.env.BENCH_LOAD_MESSAGES
    options.scale = {
      subscribers: list('scale-subscribers', values['scale-subscribers'], [100, 300, 1000], 1000),
      messages: explicitMessages ? options.messages : 2000,
      publishers: options.publishers,
      history: list('scale-history', values['scale-history'], [1000, 10_000, 100_000], 1_000_000),
      pageRepetitions: 15,
    }
  }
  return options
}

async function oneRun(options: LoadBenchOptions, stock: boolean, run: number): Promise<LoadResult> {
  const backend = await startLoadBackend(PROJECT_ROOT, { stock })
  try {
    return await runLoad(backend, {
      runId: `${stock ? 'stock' : 'fixed'}${run}`,
      rooms: options.rooms,
      subscribersPerRoom: options.perRoom,
      publishers: options.publishers,
      messages: options.messages,
      seedPerRoom: options.seed,
      confirmationCode: LOAD_CONFIRMATION_CODE,
      publishTimeLimitMs: PUBLISH_TIME_LIMIT_MS,
      deliveryTimeoutMs: DELIVERY_TIMEOUT_MS,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
      usage: backend.usage,
      log: (line) => console.log(`    ${line}`),
    })
  } finally {
    await backend.stop()
  }
}

async function main(): Promise<number> {
  const options = readOptions()
  if (!options) return 0
  if (options.scale) return (await runScaleBench(PROJECT_ROOT, options.scale)) ? 0 : 1
  console.log(
    `bench:load: ${options.rooms * options.perRoom} subscribers in ${options.rooms} rooms, ${options.publishers} publishers, ${options.messages} messages per run; backend in its own process`,
  )
  const fixed: ConfigurationRuns = { name: 'fixed (local backend)', runs: [] }
  const stock: ConfigurationRuns = { name: 'stock simulator', runs: [] }
  for (let run = 1; run <= options.runs; run++) {
    // Alternating, so a slower moment of the machine does not favour one configuration.
    for (const [configuration, isStock] of [
      [fixed, false],
      [stock, true],
    ] as const) {
      console.log(`\n  ${configuration.name}, run ${run}/${options.runs}`)
      const result = await oneRun(options, isStock, run)
      configuration.runs.push(result)
      printRun(result)
    }
  }
  const ratio =
    median(fixed.runs.map((r) => r.publish.perSecond)) / median(stock.runs.map((r) => r.publish.perSecond))
  return printSummary(options, fixed, stock, ratio) ? 0 : 1
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllChildGroups()
    console.error(`\nbench:load interrupted (${signal}); its backend was stopped`)
    process.exit(signal === 'SIGINT' ? 130 : 143)
  })
}
process.on('exit', killAllChildGroups)
// Every wait has its own limit; this one bounds their sum, whatever the options.
const WHOLE_RUN_LIMIT_MS = 60 * 60_000
setTimeout(() => {
  killAllChildGroups()
  console.error(`bench:load stopped: still running after ${WHOLE_RUN_LIMIT_MS / 60_000} minutes`)
  process.exit(1)
}, WHOLE_RUN_LIMIT_MS).unref()

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`bench:load failed: ${error.message}`)
    process.exit(1)
  },
)
