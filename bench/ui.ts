// npm run bench:ui — prints what a first visit to each page downloads (gzip JavaScript and CSS, measured
// in Chromium until the network is idle) and how fast a room of 10,000 messages renders, with the DOM
// nodes it creates. Figures, not assertions: targets and baselines are printed next to them. Run from the
// project root, in a private network namespace (see bench/README.md).
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { buildApp, serveApp } from '../testkit/browser/appBuild'
import { startTestBackend } from '../testkit/backend/testBackend'
import { buildRenderFixture, runRender, type RenderMode, type RenderResult } from './uiRender'
import { measureFirstVisit, type FirstVisit } from './uiFirstVisit'
import { kb, launchChromium, median, readManifest, shippedSize, staticClosure } from './uiSupport'

const ROOT = resolve(import.meta.dirname, '..')
const WORK = join(tmpdir(), 'amplify-chat-bench-ui')
const APP_DIR = join(WORK, 'app')
const FIXTURE_DIR = join(WORK, 'render-fixture')
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000)
const BASELINE_MESSAGES = Number(process.env.BENCH_BASELINE_MESSAGES ?? 1_000)
// A room of one message: what opening any room costs (mounting the panel on cold code, layout, paint).
const SINGLE_MESSAGE = 1
const RUNS = Number(process.env.BENCH_RUNS ?? 9)

const JS_TARGET_OPEN = 150 * 1024
const RENDER_TARGET_MS = 200

const ROUTES: { label: string; path: string; pages: string[] }[] = [
  { label: '/ (home)', path: '/', pages: ['src/pages/HomePage.vue'] },
  { label: '/open', path: '/open', pages: ['src/pages/OpenChatPage.vue'] },
  { label: '/rooms/room1', path: '/rooms/room1', pages: ['src/pages/RoomChatPage.vue'] },
  { label: '/closed/room1', path: '/closed/room1', pages: ['src/pages/ClosedChatPage.vue'] },
  { label: '/team (signed out)', path: '/team', pages: ['src/pages/TeamChatPage.vue'] },
  { label: '/signin (Authenticator)', path: '/signin', pages: ['src/pages/SignInPage.vue'] },
]

function line(label: string, value: string, note = ''): void {
  console.log(`  ${label.padEnd(38)} ${value.padStart(22)}  ${note}`)
}

const verdict = (bytes: number) =>
  `target < ${kb(JS_TARGET_OPEN)}: ${bytes <= JS_TARGET_OPEN ? 'met' : 'NOT met'}`

/**
 * The production build against an in-memory local backend (so /open connects and runs as a visitor's
 * would), served by `vite preview` with the deployed headers; each page opened in a fresh Chromium
 * context. The manifest's static graph (entry + route chunk + their static imports), which this script
 * used to report, is printed beside each figure as the baseline: it misses what loads after first paint.
 */
async function bundleFigures(): Promise<void> {
  console.log('\nStarting an in-memory local backend and building the app against it (vite build)...')
  const backend = await startTestBackend()
  try {
    await buildApp(backend.config, APP_DIR)
    const manifest = readManifest(APP_DIR)
    const app = await serveApp(APP_DIR)
    const browser = await launchChromium()
    try {
      console.log(
        '\nFirst visit in Chromium (empty cache, signed out, 1280x800), every JS/CSS file fetched until no' +
          '\nrequest for 1.5 s; bodies gzipped here at level 9 (vite preview serves them uncompressed).' +
          '\nBaseline: the manifest figure (static imports only), as bench:ui reported before.',
      )
      let open: FirstVisit | null = null
      for (const route of ROUTES) {
        const visit = await measureFirstVisit(browser, `${app.url}${route.path}`, {
          viewport: { width: 1280, height: 800 },
        })
        if (route.path === '/open') open = visit
        const manifestJs = shippedSize(
          APP_DIR,
          staticClosure(manifest, ['index.html', ...route.pages]),
        ).jsGzip
        const js = visit.files.filter((file) => file.kind === 'js').length
        const css = visit.files.filter((file) => file.kind === 'css').length
        line(
          route.label,
          `JS ${kb(visit.jsGzip)} (${js})`,
          `CSS ${kb(visit.cssGzip)} (${css})  manifest JS ${kb(manifestJs)}` +
            (route.path === '/open' ? `  ${verdict(visit.jsGzip)}` : ''),
        )
      }
      if (open) {
        console.log('\n/open, file by file (gzip -9, in the order fetched):')
        for (const file of open.files)
          console.log(`  ${file.path.padEnd(52)} ${kb(file.gzip).padStart(9)}  raw ${kb(file.raw)}`)
        line('total JS', kb(open.jsGzip), verdict(open.jsGzip))
        const authenticator = open.files.filter((file) => /SignInPage|Authenticator/i.test(file.path))
        line('Authenticator in /open', authenticator.length === 0 ? 'no' : 'YES')
      }
    } finally {
      await browser.close()
      await app.close()
    }
  } finally {
    await backend.stop()
  }
}

async function renderFigures(): Promise<void> {
  console.log(
    `\nBuilding the render fixture and rendering rooms of ${MESSAGES} and (baseline) ${BASELINE_MESSAGES}` +
      ` messages, ${RUNS} runs each, alternating (1280x800). Timed until the newest message shows and stays:` +
      '\n- opened in the running app (a reader picking a room); the target applies here; a one-message' +
      '\n  room opened the same way shows what opening any room costs' +
      "\n- on a fresh page, the app's start-up (createApp, Vuetify's theme, locale and display) included" +
      '\n- switched to from a short room shown in the same panel (a room tab)',
  )
  await buildRenderFixture(FIXTURE_DIR, ROOT)
  const series: Record<RenderMode, { big: RenderResult[]; small: RenderResult[] }> = {
    navigate: { big: [], small: [] },
    fresh: { big: [], small: [] },
    switch: { big: [], small: [] },
  }
  const single: RenderResult[] = []
  // Alternating, so a busy moment of the machine falls on every series alike.
  for (let run = 0; run < RUNS; run++) {
    single.push(...(await runRender(FIXTURE_DIR, SINGLE_MESSAGE, 1, 'navigate')))
    for (const mode of ['navigate', 'fresh', 'switch'] as const) {
      series[mode].small.push(...(await runRender(FIXTURE_DIR, BASELINE_MESSAGES, 1, mode)))
      series[mode].big.push(...(await runRender(FIXTURE_DIR, MESSAGES, 1, mode)))
    }
  }
  const ms = (results: RenderResult[]) => results.map((r) => r.renderMs)
  const runs = (results: RenderResult[]) =>
    ms(results)
      .map((t) => t.toFixed(0))
      .join(' / ') + ' ms'
  const opened = median(ms(series.navigate.big))
  line(
    `open a ${MESSAGES}-message room (median)`,
    `${opened.toFixed(0)} ms`,
    `target < ${RENDER_TARGET_MS} ms: ${opened < RENDER_TARGET_MS ? 'met' : 'NOT met'}`,
  )
  line('  all runs', runs(series.navigate.big))
  line(
    `baseline: ${BASELINE_MESSAGES} messages (median)`,
    `${median(ms(series.navigate.small)).toFixed(0)} ms`,
    'same fixture, same run',
  )
  line('  all runs', runs(series.navigate.small))
  line(
    'baseline: a one-message room (median)',
    `${median(ms(single)).toFixed(0)} ms`,
    'opening any room: same fixture, same run',
  )
  line('  all runs', runs(single))
  line(`fresh page + ${MESSAGES} messages (median)`, `${median(ms(series.fresh.big)).toFixed(0)} ms`)
  line('  all runs', runs(series.fresh.big))
  line(
    `baseline: fresh page + ${BASELINE_MESSAGES} (median)`,
    `${median(ms(series.fresh.small)).toFixed(0)} ms`,
    'same fixture, same run',
  )
  line('  all runs', runs(series.fresh.small))
  line(`switch to the ${MESSAGES} room (median)`, `${median(ms(series.switch.big)).toFixed(0)} ms`)
  line('  all runs', runs(series.switch.big))
  line(
    `baseline: switch to the ${BASELINE_MESSAGES} room`,
    `${median(ms(series.switch.small)).toFixed(0)} ms`,
    'same fixture, same run',
  )
  line('  all runs', runs(series.switch.small))
  const live = (results: RenderResult[]) => median(results.map((r) => r.liveMs)).toFixed(0) + ' ms'
  line(`a live message in the ${MESSAGES} room (median)`, live(series.navigate.big))
  line(`baseline: in the ${BASELINE_MESSAGES} room`, live(series.navigate.small), 'same fixture, same run')
  const last = series.navigate.big[series.navigate.big.length - 1]
  line('message rows created until shown', String(last.rowsCreated), `${MESSAGES} messages`)
  line(
    'DOM nodes in the timeline',
    String(last.nodes.timeline),
    `${last.nodes.messageItems} message items for a ${last.viewportPx}px viewport`,
  )
  line('DOM nodes in the page', String(last.nodes.total))
  line('message items after scrolling to middle', String(last.middleItems), `of ${MESSAGES}`)
}

// BENCH_UI_PARTS=bundle or =render runs one half.
const parts = process.env.BENCH_UI_PARTS ?? 'bundle,render'
if (parts.includes('bundle')) await bundleFigures()
if (parts.includes('render')) await renderFigures()
