// `npm run backend`: runs src/main.ts from a bundle of this folder's TypeScript, built by esbuild into
// node_modules/.cache/local-backend/ and reused while no source file changes. Running the sources through
// tsx instead costs every start a second Node process and a TypeScript loader, which is most of the wait
// between typing the command and a usable backend. Packages stay external (loaded from node_modules as
// usual); tests and scripts keep importing the sources directly.
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const sourceDir = path.resolve(import.meta.dirname, '../src')
const projectRoot = path.resolve(import.meta.dirname, '../..')
const cacheDir = path.join(projectRoot, 'node_modules/.cache/local-backend')
const STALE_BUNDLE_MS = 24 * 60 * 60_000

async function sourceFiles(dir) {
  const files = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) files.push(...(await sourceFiles(file)))
    else files.push(file)
  }
  return files.sort()
}

async function sourcesHash() {
  const hash = createHash('sha256')
  hash.update(process.version)
  for (const file of await sourceFiles(sourceDir)) {
    hash.update(path.relative(sourceDir, file))
    hash.update(await readFile(file))
  }
  return hash.digest('hex').slice(0, 16)
}

/**
 * Each source keeps its own `import.meta.url`, `dirname` and `filename` (paths are resolved from them), and
 * `await import()` of a local module stays a separate chunk, loaded only when reached.
 */
async function buildBundle(outdir) {
  const { build } = await import('esbuild')
  const ownImportMeta = {
    name: 'own-import-meta',
    setup(esbuild) {
      esbuild.onLoad({ filter: /\.[cm]?ts$/ }, async ({ path: file }) => {
        const contents = (await readFile(file, 'utf8'))
          .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(file)))
          .replaceAll('import.meta.filename', JSON.stringify(file))
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href))
        return { contents, loader: 'ts' }
      })
    },
  }
  const partial = `${outdir}.${process.pid}.tmp`
  await build({
    entryPoints: { main: path.join(sourceDir, 'main.ts') },
    outdir: partial,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'error',
    plugins: [ownImportMeta],
  })
  // Another start may have finished the same bundle meanwhile: either copy serves.
  await rename(partial, outdir).catch(() => rm(partial, { recursive: true, force: true }))
}

async function bundledMain() {
  const outdir = path.join(cacheDir, `bundle-${await sourcesHash()}`)
  const main = path.join(outdir, 'main.js')
  const built = await stat(main).then(
    () => true,
    () => false,
  )
  if (!built) {
    await mkdir(cacheDir, { recursive: true })
    // A backend still running from an older bundle may yet load one of its chunks: keep recent ones.
    for (const old of await readdir(cacheDir)) {
      const oldDir = path.join(cacheDir, old)
      const age = await stat(oldDir).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      )
      if (old.startsWith('bundle-') && age > STALE_BUNDLE_MS)
        await rm(oldDir, { recursive: true, force: true })
    }
    await buildBundle(outdir)
  }
  return main
}

process.setSourceMapsEnabled(true)
await import(pathToFileURL(await bundledMain()).href)
