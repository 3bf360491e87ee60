// Render benchmark: a room of N messages through the real composable and components (useChatRoom,
// ChatRoomPanel and ChatTimeline, shown as the room chat shows them: authors, own messages marked), fed
// by an in-page fake source instead of the backend, built by Vite in production mode, timed in Chromium.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import type { Plugin } from 'vite'
import type { Manifest } from './uiSupport'
import { launchChromium, readManifest, serveDirectory, staticClosure } from './uiSupport'

const FIXTURE_ID = 'virtual:ui-bench-fixture'

// Plain JavaScript, bundled by Vite like the app: it only wires the app's modules to a fake source.
const FIXTURE_SOURCE = `
import { createApp, h, reactive, nextTick, ref, shallowRef } from 'vue'
import { VApp } from 'vuetify/components/VApp'
import { VMain } from 'vuetify/components/VMain'
import { createAppVuetify } from '/src/plugins/vuetify.ts'
import { useChatRoom } from '/src/composables/useChatRoom.ts'
import ChatRoomPanel from '/src/components/ChatRoomPanel.vue'
import AppButton from '/src/components/AppButton.vue'
import { mdiAccountGroupOutline, mdiChatOutline, mdiForumOutline, mdiHomeOutline, mdiLockOutline, mdiThemeLightDark } from '@mdi/js'

// The app's chrome, there before any room opens: a bar of buttons with icons, as the header's navigation.
const NAV = [['Home', mdiHomeOutline], ['Open Chat', mdiChatOutline], ['Room Chat', mdiForumOutline], ['Closed Chat', mdiLockOutline], ['Team Chat', mdiAccountGroupOutline]]

const quietRealtime = { onLinkState: () => () => {}, onSubscriptionAck: () => () => {} }

function messages(count) {
  const start = Date.UTC(2026, 0, 1)
  const items = []
  for (let i = count - 1; i >= 0; i--) {
    const text = i % 7 === 0 ? 'A longer message that wraps onto a second line in a narrow column, number ' + i : 'Message ' + i
    // Three people taking turns a few messages each, as in a room: author lines start each group.
    const authorName = ['Ann', 'Bob', 'Cleo'][Math.floor(i / 3) % 3]
    items.push({ id: 'm' + String(i).padStart(6, '0'), message: text, authorName, createdAt: new Date(start + i * 1000).toISOString() })
  }
  return items // newest first, like the history query
}

const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))

// When the message shows: it is in the DOM, laid out, and still there one frame pair later (the
// timeline re-measures row heights after the first paint).
async function shownAt(host, id, since) {
  let seenAt = null
  let streak = 0
  while (streak < 2) {
    await nextTick()
    await frames()
    if (host.querySelector('[data-message-id="' + id + '"]')) {
      if (streak === 0) seenAt = performance.now()
      streak++
    } else streak = 0
    if (performance.now() - since > 30000) throw new Error('message ' + id + ' did not show')
  }
  return seenAt
}

// mode 'navigate': the app is running and painted, and the room opens in it, as when a reader picks a
// room; 'fresh': a fresh page creates the app (Vuetify's start-up) and the room at once; 'switch': a
// short room is shown and painted, and the reader switches to the long one (a room tab: the panel stays).
window.__renderRoom = async (count, mode) => {
  const items = messages(count)
  let roomEvents = null
  const host = document.createElement('div')
  document.body.replaceChildren(host)
  const sourceOf = (key, shown, onEvents) => ({
    key,
    subscribe(events) { onEvents(events); queueMicrotask(() => events.onReady()); return () => {} },
    fetchPage: async () => ({ items: shown, nextToken: null }),
    fetchSince: async () => [],
    send: async (text) => ({ id: 'sent', message: text, createdAt: new Date().toISOString() }),
  })
  const source = sourceOf('bench', items, (events) => (roomEvents = events))
  const shortRoom = messages(20).map((item) => ({ ...item, id: 's' + item.id }))
  const roomSource = shallowRef(mode === 'switch' ? sourceOf('short', shortRoom, () => {}) : source)
  const Room = {
    setup() {
      const room = reactive(useChatRoom({ source: () => roomSource.value, realtime: quietRealtime, pageSize: count }))
      // As the room chat shows it: authors (unverified nicknames) and the reader's own messages marked.
      return () => h(ChatRoomPanel, { room, showAuthor: true, unverifiedAuthors: true, isMine: (entry) => entry.authorName === 'Ann' })
    },
  }
  const roomShown = ref(mode !== 'navigate')
  const Shell = {
    setup() {
      return () => h(VApp, null, () => [
        h('header', { class: 'd-flex align-center ga-2 px-4 py-2' }, [
          ...NAV.map(([label, icon]) => h(AppButton, { prependIcon: icon, variant: 'text' }, () => label)),
          h(AppButton, { icon: mdiThemeLightDark, variant: 'text', 'aria-label': 'Theme' }),
        ]),
        h(VMain, null, () => h('div', { style: 'padding: 16px' }, roomShown.value ? h(Room) : h('p', 'Choose a room'))),
      ])
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
  let started
  let app
  if (mode === 'fresh') {
    started = performance.now()
    app = createApp(Shell).use(createAppVuetify())
    app.mount(host)
  } else if (mode === 'switch') {
    app = createApp(Shell).use(createAppVuetify())
    app.mount(host)
    await shownAt(host, shortRoom[0].id, performance.now())
    await frames()
    rowsCreated = 0
    started = performance.now()
    roomSource.value = source
  } else {
    app = createApp(Shell).use(createAppVuetify())
    app.mount(host)
    await frames()
    await frames()
    started = performance.now()
    roomShown.value = true
  }
  const renderMs = (await shownAt(host, 'm' + String(count - 1).padStart(6, '0'), started)) - started
  const rowsUntilShown = rowsCreated
  // A message arriving live in the room, at the bottom the reader follows.
  const liveId = 'm' + String(count).padStart(6, '0')
  const liveStarted = performance.now()
  roomEvents.onCreate({ id: liveId, message: 'A new message', createdAt: new Date(Date.UTC(2026, 0, 1) + count * 1000).toISOString() })
  const liveMs = (await shownAt(host, liveId, liveStarted)) - liveStarted
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
  return { renderMs, liveMs, rowsCreated: rowsUntilShown, nodes, middleItems, viewportPx }
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
  /** From a live message's delivery until it shows at the bottom of the rendered room. */
  liveMs: number
  /** Message rows created until the newest message showed (rows replaced on the way count too). */
  rowsCreated: number
  nodes: { total: number; timeline: number; messageItems: number }
  middleItems: number
  viewportPx: number
}

export async function buildRenderFixture(outDir: string, root: string): Promise<void> {
  // Set before Vite loads the project's config: @vitejs/plugin-vue loads Vue's template compiler, which
  // picks its development build (it keeps template comments) unless NODE_ENV is already 'production'.
  // The app's own build sets it, but `BENCH_UI_PARTS=render` builds no app.
  process.env.NODE_ENV = 'production'
  // The project's vite.config.ts, so the fixture is compiled and split as the app is (its plugins, the
  // Vue features it leaves out, its chunks), with the fixture as the only input.
  await build({
    configFile: join(root, 'vite.config.ts'),
    root,
    logLevel: 'warn',
    plugins: [fixturePlugin()],
    build: { outDir, emptyOutDir: true, rolldownOptions: { input: FIXTURE_ID } },
  })
  const manifest: Manifest = readManifest(outDir)
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)
  if (!entry) throw new Error('fixture entry missing from the manifest')
  const styles = [...staticClosure(manifest, [entry[0]]).css]
    .map((file) => `<link rel="stylesheet" href="/${file}">`)
    .join('')
  writeFileSync(
    join(outDir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8">${styles}</head><body></body>` +
      `<script type="module" src="/${entry[1].file}"></script></html>`,
  )
}

/**
 * How the room is timed: opened in the running app (`navigate`, what a reader picking a room waits for),
 * created with the app on a fresh page (`fresh`, Vuetify's start-up included), or switched to from a
 * short room shown in the same panel (`switch`, a room tab).
 */
export type RenderMode = 'navigate' | 'fresh' | 'switch'

/** Renders a room of `count` messages `runs` times in a 1280x800 page; a fresh page and app per run. */
export async function runRender(
  fixtureDir: string,
  count: number,
  runs: number,
  mode: RenderMode,
): Promise<RenderResult[]> {
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
          ([n, how]) =>
            (
              window as unknown as { __renderRoom: (n: number, how: RenderMode) => Promise<RenderResult> }
            ).__renderRoom(n, how),
          [count, mode] as const,
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
