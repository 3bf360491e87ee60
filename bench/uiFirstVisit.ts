// What Chromium downloads on a first visit to a page of the built app: every JavaScript and CSS response
// from the app's origin, from navigation until the network has been idle for a while, so what the page
// loads after its first paint (idle callbacks, lazy chunks) counts too. Sizes are the response bodies
// gzipped here at level 9, like the manifest figures, whatever encoding the server used.
import { gzipSync } from 'node:zlib'
import type { Browser, BrowserContextOptions, Request } from 'playwright-core'

export interface FetchedFile {
  /** Path on the server, without the leading slash. */
  path: string
  kind: 'js' | 'css'
  raw: number
  gzip: number
  /** Content-Encoding as served (vite preview sends none), for the record. */
  servedEncoding: string
}

export interface FirstVisit {
  files: FetchedFile[]
  jsGzip: number
  cssGzip: number
  /** Milliseconds from navigation until the network went idle. */
  idleAfterMs: number
}

/** Resolves once no request has been in flight for `quietMs`; rejects after `ceilingMs`. */
function networkIdle(
  page: import('playwright-core').Page,
  quietMs: number,
  ceilingMs: number,
): { started: () => void; done: Promise<void> } {
  const inFlight = new Set<Request>()
  let timer: NodeJS.Timeout | null = null
  let resolveIdle: () => void = () => {}
  let rejectIdle: (error: Error) => void = () => {}
  const done = new Promise<void>((resolve, reject) => {
    resolveIdle = resolve
    rejectIdle = reject
  })
  const arm = () => {
    if (timer) clearTimeout(timer)
    timer = inFlight.size === 0 ? setTimeout(resolveIdle, quietMs) : null
  }
  page.on('request', (request) => {
    inFlight.add(request)
    arm()
  })
  const finished = (request: Request) => {
    inFlight.delete(request)
    arm()
  }
  page.on('requestfinished', finished)
  page.on('requestfailed', finished)
  const ceiling = setTimeout(
    () =>
      rejectIdle(new Error(`network not idle after ${ceilingMs} ms: ${[...inFlight].map((r) => r.url())}`)),
    ceilingMs,
  )
  void done.finally(() => clearTimeout(ceiling)).catch(() => {})
  return { started: arm, done }
}

/**
 * Opens `url` in a fresh context (empty cache, no stored session) and records what it fetches until no
 * request has been in flight for `quietMs` (default 1.5 s: longer than the app's idle-callback timeout).
 */
export async function measureFirstVisit(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
  quietMs = 1_500,
): Promise<FirstVisit> {
  const origin = new URL(url).origin
  const context = await browser.newContext(options)
  try {
    const page = await context.newPage()
    const bodies: Promise<FetchedFile | null>[] = []
    page.on('response', (response) => {
      const address = new URL(response.url())
      const kind = address.pathname.endsWith('.js') ? 'js' : address.pathname.endsWith('.css') ? 'css' : null
      if (address.origin !== origin || !kind) return
      bodies.push(
        response.body().then(
          (body) => ({
            path: address.pathname.slice(1),
            kind,
            raw: body.length,
            gzip: gzipSync(body, { level: 9 }).length,
            servedEncoding: response.headers()['content-encoding'] ?? 'identity',
          }),
          () => null,
        ),
      )
    })
    const idle = networkIdle(page, quietMs, 60_000)
    const started = performance.now()
    await page.goto(url)
    idle.started()
    await idle.done
    const idleAfterMs = performance.now() - started - quietMs
    const files = (await Promise.all(bodies)).filter((file): file is FetchedFile => file !== null)
    const sum = (kind: 'js' | 'css') =>
      files.filter((file) => file.kind === kind).reduce((total, file) => total + file.gzip, 0)
    return { files, jsGzip: sum('js'), cssGzip: sum('css'), idleAfterMs }
  } finally {
    await context.close()
  }
}
