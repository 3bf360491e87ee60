import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { build, preview } from 'vite'
import type { AddressInfo } from 'node:net'

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..')
const CONFIG_FILE = path.join(PROJECT_ROOT, 'src', 'amplifyconfiguration.json')

/**
 * A production build (`vite build`, the project's vite.config.ts) for the given backend configuration.
 * The app bundles src/amplifyconfiguration.json at build time (an eager import.meta.glob in
 * src/config/loadAmplifyConfig.ts), so the test backend's file is written there for the length of the
 * build and whatever was there before (a developer's `npm run backend` file) is put back afterwards.
 */
export async function buildApp(config: unknown, outDir: string): Promise<void> {
  const previous = await readFile(CONFIG_FILE, 'utf8').catch(() => null)
  await writeFile(CONFIG_FILE, `${JSON.stringify(config, null, 2)}\n`)
  try {
    await build({
      root: PROJECT_ROOT,
      configFile: path.join(PROJECT_ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    })
  } finally {
    if (previous === null) await rm(CONFIG_FILE, { force: true })
    else await writeFile(CONFIG_FILE, previous)
  }
}

export interface ServedApp {
  url: string
  close(): Promise<void>
}

/** `vite preview` of a build on a free loopback port (it falls back to index.html for the app's routes). */
export async function serveApp(outDir: string): Promise<ServedApp> {
  const server = await preview({
    root: PROJECT_ROOT,
    configFile: path.join(PROJECT_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  })
  const { port } = server.httpServer.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() }
}
