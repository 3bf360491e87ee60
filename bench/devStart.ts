// npm run bench:start — what a newcomer waits for after the README's `npm start`: until it prints "Ready",
// then the first page (a room) in Chromium until its live connection is up. Run it in a private network
// namespace (see bench/README.md): `npm start` listens on its fixed ports.
import { resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { startChildGroup } from '../testkit/childProcessGroup'
import { launchChromium, median } from './uiSupport'

const ROOT = resolve(import.meta.dirname, '..')
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
/** How long a person takes between "Ready" and opening the page, in the second way of opening it. */
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 4000)
const PAUSE = `${PAUSE_MS / 1000} s`
const PAGE = '/rooms/bench'
const TIMEOUT_MS = 60_000

/** From navigation until the room's connection chip reads Connected, in a fresh context (empty cache). */
async function openRoom(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    const page = await context.newPage()
    const started = performance.now()
    await page.goto(new URL(PAGE, url).href)
    await page
      .getByTestId('connection-chip')
      .filter({ hasText: 'Connected' })
      .first()
      .waitFor({ timeout: TIMEOUT_MS })
    return performance.now() - started
  } finally {
    await context.close()
  }
}

interface StartRun {
  readyMs: number
  firstPageMs: number
  /** A second page on the same server: Vite's transforms cached, the browser's cache empty. */
  secondPageMs: number
}

async function startAndOpen(browser: Browser, pauseMs: number): Promise<StartRun> {
  const start = startChildGroup('npm', ['start'], { cwd: ROOT })
  try {
    const { elapsedMs: readyMs } = await start.waitFor(/Ready in \d+ ms/, {
      timeoutMs: TIMEOUT_MS,
      failure: /npm start: .*/,
    })
    const { match } = await start.waitFor(/App\s+(http:\/\/\S+)/, { timeoutMs: TIMEOUT_MS })
    if (pauseMs > 0) await new Promise((done) => setTimeout(done, pauseMs))
    const firstPageMs = await openRoom(browser, match[1])
    const secondPageMs = await openRoom(browser, match[1])
    return { readyMs, firstPageMs, secondPageMs }
  } finally {
    await start.stop('SIGINT', { graceMs: 10_000, group: true })
  }
}

const seconds = (values: number[]) => `${(median(values) / 1000).toFixed(2)} s`
const all = (values: number[]) => values.map((value) => (value / 1000).toFixed(2)).join(' / ') + ' s'
function line(label: string, values: number[], note = ''): void {
  console.log(`  ${label.padEnd(48)} ${seconds(values).padStart(8)}  ${note}`)
  console.log(`  ${'  all runs'.padEnd(48)} ${all(values)}`)
}

console.log(
  `\n\`npm start\` ${RUNS * 2} times (a fresh process each; its data folder and Vite's pre-bundled` +
    `\ndependencies as a previous start left them), each time opening ${PAGE} in a fresh Chromium context` +
    `\n(empty cache) until its connection chip reads Connected: at once after "Ready", or ${PAUSE} later.` +
    '\nBaseline: a second page on the same server (what the dev server costs once its transforms are cached).',
)

// One start, untimed, so that Vite's dependency pre-bundling, done once per install, is not in the figures.
const browser = await launchChromium()
try {
  await startAndOpen(browser, 0)
  const atOnce: StartRun[] = []
  const paused: StartRun[] = []
  // Alternating, so a busy moment of the machine falls on both alike.
  for (let run = 0; run < RUNS; run++) {
    atOnce.push(await startAndOpen(browser, 0))
    paused.push(await startAndOpen(browser, PAUSE_MS))
  }
  const both = [...atOnce, ...paused]
  line(
    'npm start until "Ready" (median)',
    both.map((run) => run.readyMs),
  )
  line(
    'first page, opened at once (median)',
    atOnce.map((run) => run.firstPageMs),
  )
  line(
    `first page, opened ${PAUSE} after "Ready" (median)`,
    paused.map((run) => run.firstPageMs),
  )
  line(
    'baseline: a second page (median)',
    both.map((run) => run.secondPageMs),
    'same server, same run',
  )
} finally {
  await browser.close()
}
