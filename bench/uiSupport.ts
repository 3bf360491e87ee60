// Helpers for bench/ui.ts: what a route ships according to Vite's manifest, a static file server for a
// build, and Debian's Chromium.
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { extname, join, normalize } from 'node:path'
import { gzipSync } from 'node:zlib'

export interface ManifestChunk {
  file: string
  src?: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
}
export type Manifest = Record<string, ManifestChunk>

export function readManifest(outDir: string): Manifest {
  return JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest
}

/** Every JS and CSS file the given manifest keys load, following static imports only. */
export function staticClosure(manifest: Manifest, keys: string[]): { js: Set<string>; css: Set<string> } {
  const js = new Set<string>()
  const css = new Set<string>()
  const seen = new Set<string>()
  const visit = (key: string): void => {
    if (seen.has(key)) return
    seen.add(key)
    const chunk = manifest[key]
    if (!chunk) throw new Error(`No chunk "${key}" in the manifest`)
    if (chunk.file.endsWith('.js')) js.add(chunk.file)
    if (chunk.file.endsWith('.css')) css.add(chunk.file)
    chunk.css?.forEach((file) => css.add(file))
    chunk.imports?.forEach(visit)
  }
  keys.forEach(visit)
  return { js, css }
}

export function gzipSize(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length
}

export interface ShippedSize {
  jsFiles: number
  jsGzip: number
  jsRaw: number
  cssFiles: number
  cssGzip: number
}

export function shippedSize(outDir: string, files: { js: Set<string>; css: Set<string> }): ShippedSize {
  const sum = (set: Set<string>, measure: (path: string) => number) =>
    [...set].reduce((total, file) => total + measure(join(outDir, file)), 0)
  return {
    jsFiles: files.js.size,
    jsGzip: sum(files.js, gzipSize),
    jsRaw: sum(files.js, (path) => statSync(path).size),
    cssFiles: files.css.size,
    cssGzip: sum(files.css, gzipSize),
  }
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
}

/** Serves `root` on 127.0.0.1 (random port); unknown paths get `fallback` (the SPA's index.html). */
export async function serveDirectory(
  root: string,
  fallback = 'index.html',
): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    )
    let file = join(root, path)
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory())
      file = join(root, fallback)
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    response.end(readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return { url: `http://127.0.0.1:${address.port}`, server }
}

// One way to find and start Chromium for benchmarks and e2e tests.
export { launchChromium } from '../testkit/browser/chromium'
export { median } from './lib/stats'
