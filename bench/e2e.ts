// npm run bench:e2e — browser-to-browser latency: A presses send in one Chromium page, B's page shows the
// message. The production build on the local backend, as in the e2e suite. A raw subscriber (Node, the
// AppSync real-time protocol, no Amplify, no browser) receives the same messages, so each delay splits
// into A's browser + backend, and B's browser (socket, Amplify, Vue, the DOM). A second series posts
// from Node over HTTP to the raw subscriber: the backend alone. Figures, not assertions.
import { mkdtemp, rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Page } from 'playwright-core'
import { onCreateRoomChatByRoomName } from '../src/graphql/subscriptions'
import { buildApp, serveApp } from '../testkit/browser/appBuild'
import { launchChromium } from '../testkit/browser/chromium'
import { openChat } from '../testkit/browser/chatPage'
import { postRoomMessage } from '../testkit/backend/backendClient'
import { uniqueTag } from '../testkit/unique'
import { AppSyncRealtimeClient } from '../testkit/backend/appSyncRealtimeClient'
import { startTestBackend } from '../testkit/backend/testBackend'
import { startChildGroup, type ChildProcessGroup } from '../testkit/childProcessGroup'
import type { LocalBackend } from '../local-backend/src/startLocalBackend'
import { ms, percentile, verdict } from './lib/stats'

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100)
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 10)
const TARGET_P50_MS = 100

/** Wall-clock milliseconds with sub-millisecond precision, comparable between Node and the pages. */
const now = () => performance.timeOrigin + performance.now()

/** In A's page: the time of every press of the send button, in order. */
function recordPresses(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __presses: number[] }
    w.__presses = []
    document.addEventListener(
      'click',
      (event) => {
        if ((event.target as Element).closest('[data-testid="send-button"]')) {
          w.__presses.push(performance.timeOrigin + performance.now())
        }
      },
      true,
    )
  })
}

/** In B's page: when each message text matching `prefix` first appears in the DOM. */
function recordArrivals(page: Page, prefix: string): Promise<void> {
  return page.evaluate((prefix) => {
    const w = window as unknown as { __arrivals: Record<string, number> }
    w.__arrivals = {}
    // Inline, not a named function: tsx would wrap a named one in a helper the page does not have.
    new MutationObserver(() => {
      const at = performance.timeOrigin + performance.now()
      for (const node of Array.from(document.querySelectorAll('[data-testid="message-text"]'))) {
        const text = node.textContent ?? ''
        if (text.startsWith(prefix) && !(text in w.__arrivals)) w.__arrivals[text] = at
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true })
  }, prefix)
}

function line(label: string, values: number[], note = ''): void {
  const cells = [percentile(values, 50), percentile(values, 95), Math.max(...values)].map((v) =>
    ms(v).padStart(9),
  )
  console.log(`  ${label.padEnd(44)} ${cells.join(' ')}  ${note}`)
}

type BackendAddress = Pick<LocalBackend, 'graphqlEndpoint' | 'realtimeEndpoint' | 'apiKey' | 'config'>

/**
 * The child role (`--backend`): the local backend in a process of its own, as `npm run backend` runs it,
 * so it shares no event loop with the browser driver or the raw subscriber. Prints its address as one
 * JSON line and stops when the parent closes stdin.
 */
async function serveBackend(): Promise<void> {
  const backend = await startTestBackend()
  const address: BackendAddress = {
    graphqlEndpoint: backend.graphqlEndpoint,
    realtimeEndpoint: backend.realtimeEndpoint,
    apiKey: backend.apiKey,
    config: backend.config,
  }
  process.stdout.write(`${JSON.stringify(address)}\n`)
  process.stdin.on('end', () => void backend.stop().finally(() => process.exit(0)))
  process.stdin.resume()
}

async function startBackendProcess(): Promise<{ backend: BackendAddress; child: ChildProcessGroup }> {
  const child = startChildGroup(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--backend'],
    { cwd: process.cwd(), stdin: 'pipe' },
  )
  try {
    const { match } = await child.waitFor(/^(\{.*\})$/m, { timeoutMs: 120_000 })
    return { backend: JSON.parse(match[1]) as BackendAddress, child }
  } catch (error) {
    child.kill()
    throw new Error(`The backend did not start: ${(error as Error).message}`, { cause: error })
  }
}

async function main(): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'chat-bench-e2e-'))
  const { backend, child } = await startBackendProcess()
  const raw = new AppSyncRealtimeClient(backend.realtimeEndpoint, { 'x-api-key': backend.apiKey })
  let close = async () => {}
  try {
    console.log('Building the app (vite build) against the local backend...')
    await buildApp(backend.config, join(workDir, 'app'))
    const app = await serveApp(join(workDir, 'app'))
    const browser = await launchChromium()
    close = async () => {
      await browser.close()
      await app.close()
    }

    const tag = uniqueTag()
    const room = `bench-${tag}`
    const prefix = `bench ${tag} `
    const [a, b] = await Promise.all(
      [1, 2].map(async () =>
        (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage(),
      ),
    )
    const url = `${app.url}/rooms/${room}`
    await Promise.all([openChat(a, url), openChat(b, url)])
    await recordPresses(a)
    await recordArrivals(b, prefix)

    const rawArrivals = new Map<string, number>()
    const rawWaiters = new Map<string, () => void>()
    const rawArrival = (text: string) =>
      new Promise<void>((resolve) => (rawArrivals.has(text) ? resolve() : rawWaiters.set(text, resolve)))
    await raw.connect()
    await raw.subscribe(onCreateRoomChatByRoomName, { roomName: room }, (item) => {
      const text = String(item.message)
      rawArrivals.set(text, now())
      rawWaiters.get(text)?.()
    })

    const total = WARM_UP + MESSAGES
    console.log(`Sending ${total} messages from A to B, one at a time (${WARM_UP} warm-up, not counted)...`)
    const texts: string[] = []
    for (let i = 0; i < total; i++) {
      const text = `${prefix}${String(i).padStart(3, '0')}`
      texts.push(text)
      await a.getByTestId('message-input').fill(text)
      await a.getByTestId('send-button').click()
      await b.waitForFunction(
        (text) => text in (window as unknown as { __arrivals: Record<string, number> }).__arrivals,
        text,
        { polling: 'raf', timeout: 10_000 },
      )
    }
    const presses = await a.evaluate(() => (window as unknown as { __presses: number[] }).__presses)
    const arrivals = await b.evaluate(
      () => (window as unknown as { __arrivals: Record<string, number> }).__arrivals,
    )
    if (presses.length !== total) throw new Error(`Recorded ${presses.length} presses for ${total} sends`)

    const aToB: number[] = []
    const aToRaw: number[] = []
    const rawToB: number[] = []
    for (let i = WARM_UP; i < total; i++) {
      const text = texts[i]
      const rawAt = rawArrivals.get(text)
      if (rawAt === undefined) throw new Error(`The raw subscriber never received "${text}"`)
      aToB.push(arrivals[text] - presses[i])
      aToRaw.push(rawAt - presses[i])
      rawToB.push(arrivals[text] - rawAt)
    }

    console.log(`Posting ${MESSAGES} messages from Node over HTTP to the raw subscriber (no browser)...`)
    const backendOnly: number[] = []
    for (let i = 0; i < MESSAGES; i++) {
      const text = `backend ${tag} ${i}`
      const arrived = rawArrival(text)
      const sentAt = now()
      await postRoomMessage(backend, room, text)
      await arrived
      backendOnly.push((rawArrivals.get(text) as number) - sentAt)
    }

    console.log(`\nLatency over ${MESSAGES} messages (room ${room}, 1280x800, headless Chromium)`)
    console.log(`  ${''.padEnd(44)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'max'.padStart(9)}`)
    line(
      'A presses send -> B page shows it',
      aToB,
      `target p50 < ${TARGET_P50_MS} ms: ${verdict(percentile(aToB, 50) < TARGET_P50_MS)}`,
    )
    line('  A presses send -> raw subscriber', aToRaw, "A's browser (Amplify mutation) + backend")
    line(
      '  raw subscriber -> B page shows it',
      rawToB,
      "B's browser: socket, Amplify, Vue, DOM (two receivers of one broadcast: can be < 0)",
    )
    line('backend only: HTTP post -> raw subscriber', backendOnly, 'Node client, no browser')
    console.log(
      '\n"Shows" is when the text is in B\'s DOM (MutationObserver); the paint follows in the next frame.',
    )
  } finally {
    raw.close()
    await close()
    child.endInput()
    await child.exited().catch(() => child.kill())
    await rm(workDir, { recursive: true, force: true })
  }
}

if (process.argv.includes('--backend')) await serveBackend()
else await main()
