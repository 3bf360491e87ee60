import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/**
 * The Vite dev server reloads every open tab when it finds a dependency it has not pre-bundled, which
 * happened on the first use of a lazily loaded page or dialog (drafts and unsent messages were lost).
 * This starts the real dev server with the project's config, waits for its start-up scan, transforms
 * every file of the app as a browser would load it, and checks nothing new had to be optimised.
 */
describe('dev server dependencies', () => {
  let server: ViteDevServer | undefined
  afterAll(async () => server?.close())

  it('pre-bundles every dependency the app loads, lazily loaded ones included', async () => {
    server = await createServer({
      root: ROOT,
      configFile: `${ROOT}/vite.config.ts`,
      logLevel: 'error',
      server: { port: 0, strictPort: false, ws: false, host: '127.0.0.1' },
    })
    await server.listen()
    const client = server.environments.client
    const optimizer = client.depsOptimizer
    if (!optimizer) throw new Error('the dev server has no dependency optimiser')
    await optimizer.scanProcessing
    const known = new Set([
      ...Object.keys(optimizer.metadata.optimized),
      ...Object.keys(optimizer.metadata.discovered),
    ])

    const files = execFileSync('git', ['ls-files', 'src/*.vue', 'src/*.ts'], { cwd: ROOT, encoding: 'utf8' })
      .trim()
      .split('\n')
    expect(files.length).toBeGreaterThan(10)
    for (const file of files) await client.transformRequest(`/${file}`)

    const late = Object.keys(optimizer.metadata.discovered).filter((id) => !known.has(id))
    expect(late, 'add these to optimizeDeps.include in vite.config.ts').toEqual([])
  }, 120_000)
})
