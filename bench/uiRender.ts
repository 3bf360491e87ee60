// Render benchmark: a room of N messages through the real composable and components (useChatRoom,
// ChatRoomPanel, ChatTimeline with v-virtual-scroll), fed by an in-page fake source instead of the
// backend, built by Vite in production mode and timed in Chromium.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, URL } from 'node:url'
import { build } from 'vite'
import type { Plugin } from 'vite'
import type { Manifest } from './uiSupport'
import { launchChromium, readManifest, serveDirectory } from './uiSupport'

const FIXTURE_ID = 'virtual:ui-bench-fixture'

// Plain JavaScript, bundled by Vite like the app: it only wires the app's modules to a fake source.
const FIXTURE_SOURCE = `
import { createApp, h, reactive, nextTick } from 'vue'
import { VApp } from 'vuetify/components/VApp'
import { VMain } from 'vuetify/components/VMain'
import { createAppVuetify } from '/src/plugins/vuetify.ts'
import { useChatRoom } from '/src/composables/useChatRoom.ts'
import ChatRoomPanel from '/src/components/ChatRoomPanel.vue'

const quietRealtime = { onLinkState: () => () => {}, onSubscriptionAck: () => () => {} }

function messages(count) {
  const start = Date.UTC(2026, 0, 1)
  const items = []
  for (let i = count - 1; i >= 0; i--) {
    const text = i % 7 === 0 ? 'A longer message that wraps onto a second line in a narrow column, number ' + i : 'Message ' + i
    items.push({ id: 'm' + String(i).padStart(6, '0'), message: text, createdAt: new Date(start + i * 1000).toISOString() })
  }
  return items // newest first, like the history query
}

const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))

window.__renderRoom = async (count) => {
  const items = messages(count)
  const host = document.createElement('div')
  document.body.replaceChildren(host)
  const source = {
    key: 'bench',
    subscribe(events) { queueMicrotask(() => events.onReady()); return () => {} },
    fetchPage: async () => ({ items, nextToken: null }),
    fetchSince: async () => [],
    send: async (text) => ({ id: 'sent', message: text, createdAt: new Date().toISOString() }),
  }
  const Room = {
    setup() {
      const room = reactive(useChatRoom({ source, realtime: quietRealtime, pageSize: count }))
      return () => h(VApp, null, () => h(VMain, null, () => h('div', { style: 'padding: 16px' }, h(ChatRoomPanel, { room }))))
    },
  }
  // Every message row the render creates, including rows replaced before the newest shows.
  let rowsCreated = 0
  const rows = new MutationObserver((changes) => {
    for (const change of changes)
      for (const node of change.addedNodes)
        if (node instanceof Element)
          rowsCreated += (node.matches('[data-testid="message-item"]') ? 1 : 0) + node.querySelectorAll('[data-testid="message-item"]').length
  })
  rows.observe(host, { childList: true, subtree: true })
  const started = performance.now()
  const app = createApp(Room).use(createAppVuetify())
  app.mount(host)
  // Rendered = the newest message is in the DOM, laid out, and still there one frame pair later (the
  // virtual scroller re-measures item heights after the first paint).
  const newestId = 'm' + String(count - 1).padStart(6, '0')
  let seenAt = null
  let streak = 0
  while (streak < 2) {
    await nextTick()
    await frames()
    if (host.querySelector('[data-message-id="' + newestId + '"]')) {
      if (streak === 0) seenAt = performance.now()
      streak++
    } else streak = 0
    if (performance.now() - started > 30000) throw new Error('room did not render')
  }
  const renderMs = seenAt - started
  rows.disconnect()
  const timeline = host.querySelector('[data-testid="timeline"]')
  const nodes = {
    total: document.getElementsByTagName('*').length,
    timeline: timeline.getElementsByTagName('*').length,
    messageItems: timeline.querySelectorAll('[data-testid="message-item"]').length,
  }
  // Scroll to the middle: the number of rendered items must stay bounded by the viewport there too.
  timeline.scrollTop = timeline.scrollHeight / 2
  timeline.dispatchEvent(new Event('scroll'))
  await frames()
  await frames()
  const middleItems = timeline.querySelectorAll('[data-testid="message-item"]').length
  const viewportPx = timeline.clientHeight
  app.unmount()
  return { renderMs, rowsCreated, nodes, middleItems, viewportPx }
}
`

function fixturePlugin(): Plugin {
  return {
    name: 'ui-bench-fixture',
    resolveId: (id) => (id === FIXTURE_ID ? `\0${FIXTURE_ID}` : null),
    load: (id) => (id === `\0${FIXTURE_ID}` ? FIXTURE_SOURCE : null),
  }
}

export interface RenderResult {
  renderMs: number
  /** Message rows created until the newest message showed (rows replaced on the way count too). */
  rowsCreated: number
  nodes: { total: number; timeline: number; messageItems: number }
  middleItems: number
  viewportPx: number
}

export async function buildRenderFixture(outDir: string, root: string): Promise<void> {
  // Imported here, not at the top: loading @vitejs/plugin-vue loads Vue's template compiler, which picks
  // its development build (it keeps template comments) unless NODE_ENV is already 'production', as it is
  // once Vite has built the app. A top-level import made bench/ui.ts measure the app with comments in.
  const { default: vue } = await import('@vitejs/plugin-vue')
  const { default: vuetify } = await import('vite-plugin-vuetify')
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [vue(), vuetify({ autoImport: true }), fixturePlugin()],
    resolve: { alias: { '@': fileURLToPath(new URL('../src', import.meta.url)) } },
    build: {
      outDir,
      emptyOutDir: true,
      manifest: true,
      target: 'es2022',
      rollupOptions: { input: FIXTURE_ID },
    },
  })
  const manifest: Manifest = readManifest(outDir)
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry)
  if (!entry) throw new Error('fixture entry missing from the manifest')
  const styles = (entry.css ?? []).map((file) => `<link rel="stylesheet" href="/${file}">`).join('')
  writeFileSync(
    join(outDir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8">${styles}</head><body></body>` +
      `<script type="module" src="/${entry.file}"></script></html>`,
  )
}

/** Renders a room of `count` messages `runs` times in a 1280x800 page; one fresh app per run. */
export async function runRender(fixtureDir: string, count: number, runs: number): Promise<RenderResult[]> {
  const { url, server } = await serveDirectory(fixtureDir)
  const browser = await launchChromium()
  try {
    const results: RenderResult[] = []
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      await page.goto(url)
      await page.waitForFunction(() => '__renderRoom' in window)
      results.push(
        await page.evaluate(
          (n) =>
            (window as unknown as { __renderRoom: (n: number) => Promise<RenderResult> }).__renderRoom(n),
          count,
        ),
      )
      await page.close()
    }
    return results
  } finally {
    await browser.close()
    server.close()
  }
}
