// npm run bench:backend — how fast the local backend starts and delivers: cold start to ready, mutation to
// subscriber latency with 100 subscribers in 10 rooms, sustained mutations per second, messages lost, and
// `amplify mock api`'s start-up for comparison. Figures, not assertions: targets are printed next to them.
// Every figure is the median of several runs. Loopback only. `--help` lists the options.
import path from 'node:path'
import { parseArgs } from 'node:util'
import {
  findInstalledAmplifyCli,
  measureAmplifyMockStartup,
  removeMockWorkspace,
  type MockStartup,
} from './lib/amplifyMockStartup'
import { startBenchBackend } from './lib/benchBackend'
import { killAllChildGroups } from '../testkit/childProcessGroup'
import {
  ColdStartProject,
  LAUNCHERS,
  launchCommandLine,
  measureColdStart,
  type ColdStartRun,
  type Launcher,
} from './lib/coldStart'
import type { PhaseResult } from './lib/deliveryTracker'
import { RoomSubscribers, runLatencyPhase, runThroughputPhase, type ThroughputResult } from './lib/roomLoad'
import { median, ms, percentile, runList, sum, verdict } from './lib/stats'

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..')
const READY_TARGET_MS = 1500
const MOCK_RATIO_TARGET = 5
const P50_TARGET_MS = 10
const THROUGHPUT_TIME_LIMIT_MS = 60_000
const QUIET_MS = 300
const QUIET_MAX_MS = 3000

const usage = `Usage: npm run bench:backend -- [options]

Options (each also as an environment variable):
  --runs <n>                 runs per figure, the median is printed (BENCH_BACKEND_RUNS, default 5)
  --messages <n>             messages per latency run (BENCH_BACKEND_MESSAGES, default 200)
  --rooms <n>                rooms (BENCH_BACKEND_ROOMS, default 10)
  --per-room <n>             subscribers per room, one WebSocket each (BENCH_BACKEND_PER_ROOM, default 10)
  --throughput-messages <n>  messages per throughput run (BENCH_BACKEND_THROUGHPUT_MESSAGES, default 500)
  --publishers <n>           concurrent publishers in the throughput runs (BENCH_BACKEND_PUBLISHERS, default 10)
  --cli-runs <n>             amplify mock api start-ups; 0 skips them (BENCH_BACKEND_CLI_RUNS, default 3)
  --launcher <name>          cold start as npm (npm run backend, timed until the endpoint answers and the
                             config is written), tsx-cli or node-import (node --import tsx), the last two
                             until the ready line (BENCH_BACKEND_LAUNCHER, default npm)
  --startup-only             only the start-up figures: ours (1) and amplify mock api's (5)
                             (BENCH_BACKEND_STARTUP_ONLY=1)
  --stock                    also measure the latency against the stock simulator (fixes: false)
                             (BENCH_BACKEND_STOCK=1)
  -h, --help                 show this help`

interface Options {
  runs: number
  messages: number
  rooms: number
  perRoom: number
  throughputMessages: number
  publishers: number
  cliRuns: number
  launcher: Launcher
  stock: boolean
  startupOnly: boolean
}

function readOptions(): Options | undefined {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      messages: { type: 'string' },
      rooms: { type: 'string' },
      'per-room': { type: 'string' },
      'throughput-messages': { type: 'string' },
      publishers: { type: 'string' },
      'cli-runs': { type: 'string' },
      launcher: { type: 'string' },
      stock: { type: 'boolean' },
      'startup-only': { type: 'boolean' },
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
  const launcher = (values.launcher ?? process.env.BENCH_BACKEND_LAUNCHER ?? 'npm') as Launcher
  if (!LAUNCHERS.includes(launcher)) {
    throw new Error(`--launcher must be one of ${LAUNCHERS.join(', ')} (got "${launcher}")`)
  }
  const options: Options = {
    runs: count('runs', 'BENCH_BACKEND_RUNS', 5, 1, 50),
    messages: count('messages', 'BENCH_BACKEND_MESSAGES', 200, 1, 10_000),
    rooms: count('rooms', 'BENCH_BACKEND_ROOMS', 10, 1, 100),
    perRoom: count('per-room', 'BENCH_BACKEND_PER_ROOM', 10, 1, 100),
    throughputMessages: count('throughput-messages', 'BENCH_BACKEND_THROUGHPUT_MESSAGES', 500, 1, 100_000),
    publishers: count('publishers', 'BENCH_BACKEND_PUBLISHERS', 10, 1, 200),
    cliRuns: count('cli-runs', 'BENCH_BACKEND_CLI_RUNS', 3, 0, 20),
    launcher,
    stock: values.stock ?? ['1', 'true'].includes(process.env.BENCH_BACKEND_STOCK ?? ''),
    startupOnly:
      values['startup-only'] ?? ['1', 'true'].includes(process.env.BENCH_BACKEND_STARTUP_ONLY ?? ''),
  }
  if (options.rooms * options.perRoom > 1000)
    throw new Error('at most 1,000 subscribers (--rooms x --per-room)')
  return options
}

function line(label: string, value: string, note = '') {
  console.log(`  ${label.padEnd(40)} ${value.padStart(16)}  ${note}`)
}

async function coldStartFigures(options: Options): Promise<ColdStartRun[]> {
  const usable = options.launcher === 'npm' ? 'endpoint answering, config written' : 'ready line'
  console.log(
    `\n1. Cold start: ${launchCommandLine(options.launcher)} --in-memory --port 0 --cognito-port 0, spawn to ${usable}`,
  )
  const project = await ColdStartProject.create(PROJECT_ROOT)
  const runs: ColdStartRun[] = []
  try {
    // A user's first start compiles the API into a cache every later start reads; time the later ones.
    const warmUp = await measureColdStart(PROJECT_ROOT, options.launcher, project)
    for (const problem of warmUp.problems) console.log(`  warm-up: ${problem}`)
    for (let run = 0; run < options.runs; run++) {
      const result = await measureColdStart(PROJECT_ROOT, options.launcher, project)
      runs.push(result)
      for (const problem of result.problems) console.log(`  run ${run + 1}: ${problem}`)
    }
  } finally {
    await project.remove()
  }
  const ok = runs.filter((run) => Number.isFinite(run.wallMs))
  const wall = median(ok.map((run) => run.wallMs))
  const reported = median(ok.map((run) => run.reportedMs))
  line(
    `spawn to ${options.launcher === 'npm' ? 'usable' : 'ready line'} (median)`,
    ms(wall),
    `target: ${MOCK_RATIO_TARGET}x faster than amplify mock api (section 5)`,
  )
  line('  runs', runList(ok.map((run) => run.wallMs)))
  line(
    'its own "ready in" (median)',
    ms(reported),
    `target < ${READY_TARGET_MS} ms: ${verdict(reported < READY_TARGET_MS)}`,
  )
  line('  runs', runList(ok.map((run) => run.reportedMs)))
  line('before main() (Node, tsx, imports)', ms(wall - reported), 'spawn-to-ready minus "ready in"')
  line(
    'SIGTERM to exit (median)',
    ms(median(ok.map((run) => run.stopMs))),
    `${runs.filter((r) => r.cleanExit).length}/${runs.length} clean exits`,
  )
  return runs
}

interface LoadFigures {
  latencyRuns: PhaseResult[]
  throughputRuns: ThroughputResult[]
  subscribers: number
  unknown: number
}

async function loadFigures(options: Options, stock: boolean): Promise<LoadFigures> {
  const backend = await startBenchBackend(PROJECT_ROOT, { stock })
  let subscribers: RoomSubscribers | undefined
  try {
    const connectStarted = performance.now()
    subscribers = await RoomSubscribers.connect(backend, {
      rooms: options.rooms,
      subscribersPerRoom: options.perRoom,
    })
    console.log(
      `  ${subscribers.count} subscribers connected and acknowledged in ${ms(performance.now() - connectStarted)} (backend: ${backend.graphqlEndpoint})`,
    )
    const latencyRuns: PhaseResult[] = []
    for (let run = 0; run < options.runs; run++) {
      latencyRuns.push(
        await runLatencyPhase(subscribers, `${stock ? 'stock-' : ''}latency${run + 1}`, options.messages),
      )
    }
    const throughputRuns: ThroughputResult[] = []
    if (!stock) {
      for (let run = 0; run < options.runs; run++) {
        throughputRuns.push(
          await runThroughputPhase(subscribers, `throughput${run + 1}`, {
            messages: options.throughputMessages,
            publishers: options.publishers,
            timeLimitMs: THROUGHPUT_TIME_LIMIT_MS,
          }),
        )
      }
    }
    // Deliveries that are not due (other rooms, duplicates) have nothing to wait for: let them stop arriving.
    await subscribers.tracker.waitForQuiet(QUIET_MS, QUIET_MAX_MS)
    return {
      latencyRuns,
      throughputRuns,
      subscribers: subscribers.count,
      unknown: subscribers.tracker.unknown,
    }
  } finally {
    subscribers?.close()
    await backend.stop()
  }
}

interface DeliveryTotals {
  published: number
  expected: number
  lost: number
  wrongRoom: number
  duplicates: number
  publishErrors: string[]
}

function totals(phases: PhaseResult[]): DeliveryTotals {
  return {
    published: sum(phases.map((phase) => phase.published)),
    expected: sum(phases.map((phase) => phase.expected)),
    lost: sum(phases.map((phase) => Math.max(0, phase.expected - phase.delivered))),
    wrongRoom: sum(phases.map((phase) => phase.wrongRoom)),
    duplicates: sum(phases.map((phase) => phase.duplicates)),
    publishErrors: phases.flatMap((phase) => phase.publishErrors),
  }
}

function latencySummary(runs: PhaseResult[]) {
  const p50s = runs.map((run) => percentile(run.latencies, 50))
  const p99s = runs.map((run) => percentile(run.latencies, 99))
  return { p50: median(p50s), p99: median(p99s), p50s, p99s }
}

function printLoad(options: Options, load: LoadFigures, stock: boolean) {
  const latency = latencySummary(load.latencyRuns)
  const latencyTotals = totals(load.latencyRuns)
  line(
    'latency p50 (median of runs)',
    ms(latency.p50),
    `target < ${P50_TARGET_MS} ms: ${verdict(latency.p50 < P50_TARGET_MS)}`,
  )
  line(
    '  runs',
    runList(latency.p50s, (v) => v.toFixed(2)),
  )
  line('latency p99 (median of runs)', ms(latency.p99))
  line(
    '  runs',
    runList(latency.p99s, (v) => v.toFixed(2)),
  )
  line(
    'deliveries due / lost',
    `${latencyTotals.expected} / ${latencyTotals.lost}`,
    `${latencyTotals.published} messages x ${options.perRoom} subscribers of their room`,
  )
  line(
    'wrong-room deliveries',
    String(latencyTotals.wrongRoom),
    stock ? 'the stock simulator ignores roomName' : 'must be 0',
  )
  if (latencyTotals.duplicates) line('duplicate deliveries', String(latencyTotals.duplicates))
  if (!stock && load.throughputRuns.length) {
    console.log(
      `\n3. Sustained mutations: ${options.publishers} concurrent publishers, ${options.throughputMessages} createRoomChat per run, all subscribers attached`,
    )
    const rates = load.throughputRuns.map((run) => run.perSecond)
    line('mutations per second (median)', `${Math.round(median(rates))}/s`)
    line('  runs', runList(rates))
    const throughputTotals = totals(load.throughputRuns.map((run) => run.phase))
    line('deliveries due / lost', `${throughputTotals.expected} / ${throughputTotals.lost}`)
    line('wrong-room deliveries', String(throughputTotals.wrongRoom))
    if (load.throughputRuns.some((run) => run.truncated)) {
      console.log(
        `  some runs hit the ${THROUGHPUT_TIME_LIMIT_MS / 1000} s limit before publishing every message`,
      )
    }
  }
  const all = totals([...load.latencyRuns, ...load.throughputRuns.map((run) => run.phase)])
  if (all.publishErrors.length) {
    console.log(`  ${all.publishErrors.length} mutations failed, first: ${all.publishErrors[0]}`)
  }
  if (load.unknown) console.log(`  ${load.unknown} deliveries of messages this benchmark did not send`)
}

function printMockStartup(mock: MockStartup, coldStartMs: number) {
  if (mock.status === 'skipped') {
    console.log(`  skipped: ${mock.reason}`)
    return
  }
  if (mock.status === 'failed') {
    console.log(`  could not measure: ${mock.reason}`)
    return
  }
  const startup = median(mock.runsMs)
  line('spawn to "AppSync Mock endpoint is running"', ms(startup))
  line('  runs', runList(mock.runsMs))
  line(
    'ratio to our cold start',
    `${(startup / coldStartMs).toFixed(1)}x`,
    `our cold start: ${ms(coldStartMs)}; target >= ${MOCK_RATIO_TARGET}x: ${verdict(startup / coldStartMs >= MOCK_RATIO_TARGET)}`,
  )
  for (const note of mock.notes) console.log(`  note: ${note}`)
}

async function main(): Promise<number> {
  const options = readOptions()
  if (!options) return 0
  console.log(
    `Backend benchmark: ${options.runs} runs per figure (median printed), ${options.rooms} rooms x ${options.perRoom} subscribers, loopback only.`,
  )

  const coldRuns = await coldStartFigures(options)
  const coldStartMs = median(coldRuns.filter((run) => Number.isFinite(run.wallMs)).map((run) => run.wallMs))
  if (options.startupOnly) {
    printMockStartup(await mockStartupFigures(options), coldStartMs)
    return 0
  }

  console.log(
    `\n2. Mutation to subscriber latency: ${options.runs} runs of ${options.messages} createRoomChat (HTTP, API key, one at a time, round-robin over rooms)`,
  )
  const load = await loadFigures(options, false)
  printLoad(options, load, false)
  const allPhases = [...load.latencyRuns, ...load.throughputRuns.map((run) => run.phase)]
  const overall = totals(allPhases)

  console.log('\n4. Messages lost overall (latency and throughput runs)')
  line(
    'deliveries due / lost',
    `${overall.expected} / ${overall.lost}`,
    `must be 0: ${verdict(overall.lost === 0)}`,
  )
  line('wrong-room deliveries', String(overall.wrongRoom), `must be 0: ${verdict(overall.wrongRoom === 0)}`)

  let stockLoad: LoadFigures | undefined
  if (options.stock) {
    console.log('\n2b. The same latency runs against the stock simulator (fixes: false), for comparison')
    stockLoad = await loadFigures(options, true)
    printLoad(options, stockLoad, true)
  }

  const mock = await mockStartupFigures(options)
  printMockStartup(mock, coldStartMs)

  printTable(options, coldRuns, load, overall, stockLoad, mock, coldStartMs)
  return overall.lost === 0 && overall.wrongRoom === 0 && overall.publishErrors.length === 0 ? 0 : 1
}

async function mockStartupFigures(options: Options): Promise<MockStartup> {
  console.log('\n5. `amplify mock api` start-up (the Amplify Gen 1 CLI, throwaway copy of the project)')
  let mock: MockStartup
  const cli = findInstalledAmplifyCli()
  if (options.cliRuns === 0) mock = { status: 'skipped', reason: '--cli-runs 0' }
  else if (!cli) {
    mock = {
      status: 'skipped',
      reason:
        'the Amplify CLI is not installed in the cache of `npm run check:amplify-cli` (run that once; AMPLIFY_CLI_CACHE_DIR moves the cache)',
    }
  } else {
    console.log(
      `  CLI: ${cli.entry}\n  note: the CLI's simulator and DynamoDB Local listen on every interface (not configurable) while it runs`,
    )
    mock = await measureAmplifyMockStartup(cli, {
      projectRoot: PROJECT_ROOT,
      runs: options.cliRuns,
      log: (text) => console.log(text),
    })
  }
  return mock
}

function printTable(
  options: Options,
  coldRuns: ColdStartRun[],
  load: LoadFigures,
  overall: DeliveryTotals,
  stockLoad: LoadFigures | undefined,
  mock: MockStartup,
  coldStartMs: number,
) {
  const ok = coldRuns.filter((run) => Number.isFinite(run.wallMs))
  const reported = median(ok.map((run) => run.reportedMs))
  const latency = latencySummary(load.latencyRuns)
  const rows: [string, string, string][] = [
    [`cold start (${options.launcher}), spawn to usable`, ms(coldStartMs), ''],
    [
      'cold start, its own "ready in"',
      ms(reported),
      `< ${READY_TARGET_MS} ms ${verdict(reported < READY_TARGET_MS)}`,
    ],
    [
      `latency p50 (${load.subscribers} subs)`,
      ms(latency.p50),
      `< ${P50_TARGET_MS} ms ${verdict(latency.p50 < P50_TARGET_MS)}`,
    ],
    ['latency p99', ms(latency.p99), ''],
    [
      `mutations/s (${options.publishers} publishers)`,
      load.throughputRuns.length
        ? `${Math.round(median(load.throughputRuns.map((run) => run.perSecond)))}/s`
        : 'n/a',
      '',
    ],
    ['messages lost', `${overall.lost} of ${overall.expected}`, `0 ${verdict(overall.lost === 0)}`],
    ['wrong-room deliveries', String(overall.wrongRoom), `0 ${verdict(overall.wrongRoom === 0)}`],
  ]
  if (stockLoad) {
    const stockLatency = latencySummary(stockLoad.latencyRuns)
    const stockTotals = totals(stockLoad.latencyRuns)
    rows.push(
      ['stock simulator: latency p50 / p99', `${ms(stockLatency.p50)} / ${ms(stockLatency.p99)}`, ''],
      [
        'stock simulator: lost / wrong-room',
        `${stockTotals.lost} / ${stockTotals.wrongRoom}`,
        'for comparison',
      ],
    )
  }
  if (mock.status === 'measured') {
    const startup = median(mock.runsMs)
    rows.push([
      'amplify mock api start-up',
      ms(startup),
      `${(startup / coldStartMs).toFixed(1)}x our cold start (>= ${MOCK_RATIO_TARGET}x ${verdict(startup / coldStartMs >= MOCK_RATIO_TARGET)})`,
    ])
  } else {
    rows.push(['amplify mock api start-up', mock.status, ''])
  }
  console.log(`\nSummary (medians of ${options.runs} runs; amplify mock api: ${options.cliRuns})`)
  console.log(`  ${'Figure'.padEnd(36)} ${'Value'.padStart(18)}  Target`)
  for (const [label, value, target] of rows)
    console.log(`  ${label.padEnd(36)} ${value.padStart(18)}  ${target}`)
}

function cleanUp() {
  killAllChildGroups()
  removeMockWorkspace()
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    cleanUp()
    console.error(`\nbench:backend interrupted (${signal}); its processes were stopped`)
    process.exit(signal === 'SIGINT' ? 130 : 143)
  })
}
process.on('exit', killAllChildGroups)
// Every wait above has its own limit; this one bounds their sum, whatever the options.
const WHOLE_RUN_LIMIT_MS = 20 * 60 * 1000
setTimeout(() => {
  cleanUp()
  console.error(`bench:backend stopped: still running after ${WHOLE_RUN_LIMIT_MS / 60_000} minutes`)
  process.exit(1)
}, WHOLE_RUN_LIMIT_MS).unref()

main().then(
  (code) => {
    cleanUp()
    process.exit(code)
  },
  (error: Error) => {
    cleanUp()
    console.error(`bench:backend failed: ${error.message}`)
    process.exit(1)
  },
)
