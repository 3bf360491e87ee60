// npm run bench:ui — prints what the production build ships per route (gzip) and how fast a room of
// 10,000 messages renders, with the DOM nodes it creates. Figures, not assertions: targets are printed
// next to them. Run from the project root.
import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { buildRenderFixture, runRender } from './uiRender'
import {
  kb,
  launchChromium,
  median,
  readManifest,
  serveDirectory,
  shippedSize,
  staticClosure,
} from './uiSupport'

const ROOT = resolve(import.meta.dirname, '..')
const WORK = join(tmpdir(), 'amplify-chat-bench-ui')
const APP_DIR = join(WORK, 'app')
const FIXTURE_DIR = join(WORK, 'render-fixture')
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)

const JS_TARGET_OPEN = 150 * 1024
const RENDER_TARGET_MS = 200

// The chunk src/auth/userPool.ts loads after the first paint (the user pool's providers and session code).
const USER_POOL_AUTH = ['src/auth/cognito.ts']

const ROUTES: { label: string; pages: string[] }[] = [
  { label: '/ (home)', pages: ['src/pages/HomePage.vue'] },
  { label: '/open', pages: ['src/pages/OpenChatPage.vue'] },
  { label: '/rooms/room1', pages: ['src/pages/RoomChatPage.vue'] },
  { label: '/closed/room1', pages: ['src/pages/ClosedChatPage.vue'] },
  {
    label: '/closed + sign-in (Authenticator)',
    pages: ['src/pages/ClosedChatPage.vue', 'src/pages/SignInPage.vue'],
  },
]

function line(label: string, value: string, note = ''): void {
  console.log(`  ${label.padEnd(38)} ${value.padStart(22)}  ${note}`)
}

async function bundleFigures(): Promise<void> {
  console.log('\nBuilding the app (vite build, production)...')
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: APP_DIR, emptyOutDir: true },
  })
  const manifest = readManifest(APP_DIR)
  const hasConfig = existsSync(join(ROOT, 'src', 'amplifyconfiguration.json'))
  console.log(
    `\nShipped on first load, from the manifest (entry + route chunk + their static imports; gzip -9).` +
      `\nConfig at build time: ${hasConfig ? 'src/amplifyconfiguration.json present' : 'none (the app would show the setup page)'}`,
  )
  for (const route of ROUTES) {
    const size = shippedSize(APP_DIR, staticClosure(manifest, ['index.html', ...route.pages]))
    const note =
      route.label === '/open'
        ? `target < ${kb(JS_TARGET_OPEN)} JS: ${size.jsGzip < JS_TARGET_OPEN ? 'met' : 'NOT met'}`
        : ''
    line(
      route.label,
      `JS ${kb(size.jsGzip)} (${size.jsFiles})`,
      `CSS ${kb(size.cssGzip)} (${size.cssFiles})  ${note}`,
    )
  }
  const openFiles = staticClosure(manifest, ['index.html', 'src/pages/OpenChatPage.vue'])
  if (manifest['src/local/enableLocalBackend.ts']) {
    // What local mode adds to /open: its own chunk and what that alone imports. Cloud builds never load it.
    const local = staticClosure(manifest, ['src/local/enableLocalBackend.ts'])
    const extra = {
      js: new Set([...local.js].filter((file) => !openFiles.js.has(file))),
      css: new Set([...local.css].filter((file) => !openFiles.css.has(file))),
    }
    const size = shippedSize(APP_DIR, extra)
    line('+ local mode (loopback config only)', `JS ${kb(size.jsGzip)} (${size.jsFiles})`, 'on top of /open')
  }

  // What every page loads right after its first paint (idle): the Cognito providers and session code,
  // so the app bar can show the signed-in user. Not part of the first load.
  const afterPaint = staticClosure(manifest, USER_POOL_AUTH)
  const afterPaintOnly = {
    js: new Set([...afterPaint.js].filter((file) => !openFiles.js.has(file))),
    css: new Set<string>(),
  }
  line(
    '+ user-pool auth (after first paint)',
    `JS ${kb(shippedSize(APP_DIR, afterPaintOnly).jsGzip)} (${afterPaintOnly.js.size})`,
    'on top of /open',
  )

  // The Authenticator must not be in what /open loads.
  const withAuthenticator = [...openFiles.js].filter((file) =>
    readFileSync(join(APP_DIR, file), 'utf8').includes('data-amplify-authenticator'),
  )
  line(
    'Authenticator in /open',
    withAuthenticator.length === 0 ? 'no' : `YES: ${withAuthenticator.join(', ')}`,
  )

  if (hasConfig) await measuredLoad()
}

/**
 * What Chromium actually downloads when opening /open on the built app, until the network is idle
 * (backend calls may fail): the first load, then the user-pool auth loaded after the first paint.
 */
async function measuredLoad(): Promise<void> {
  const { url, server } = await serveDirectory(APP_DIR)
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    const files = new Set<string>()
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname
      if (response.url().startsWith(url) && /\.(js|css)$/.test(path)) files.add(path.slice(1))
    })
    await page.goto(`${url}/open`, { waitUntil: 'networkidle' })
    const js = new Set([...files].filter((f) => f.endsWith('.js')))
    const css = new Set([...files].filter((f) => f.endsWith('.css')))
    const size = shippedSize(APP_DIR, { js, css })
    line(
      '/open measured in Chromium',
      `JS ${kb(size.jsGzip)} (${size.jsFiles})`,
      `CSS ${kb(size.cssGzip)} (${size.cssFiles})  first load + after-paint auth, until idle`,
    )
  } finally {
    await browser.close()
    server.close()
  }
}

async function renderFigures(): Promise<void> {
  console.log(
    `\nBuilding the render fixture and rendering a room of ${MESSAGES} messages, ${RUNS} runs (1280x800)...`,
  )
  await buildRenderFixture(FIXTURE_DIR, ROOT)
  const results = await runRender(FIXTURE_DIR, MESSAGES, RUNS)
  const times = results.map((r) => r.renderMs)
  const last = results[results.length - 1]
  line(
    'render time (median)',
    `${median(times).toFixed(0)} ms`,
    `target < ${RENDER_TARGET_MS} ms: ${median(times) < RENDER_TARGET_MS ? 'met' : 'NOT met'}`,
  )
  line('render time (all runs)', times.map((t) => t.toFixed(0)).join(' / ') + ' ms')
  line(
    'DOM nodes in the timeline',
    String(last.nodes.timeline),
    `${last.nodes.messageItems} message items for a ${last.viewportPx}px viewport`,
  )
  line('DOM nodes in the page', String(last.nodes.total))
  line('message items after scrolling to middle', String(last.middleItems), `of ${MESSAGES}`)
}

await bundleFigures()
await renderFigures()
