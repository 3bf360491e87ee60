import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { CompiledApi } from './compileApi'
import { defaultApiDir, projectRoot } from './readApiProject'

const require = createRequire(import.meta.url)
export const defaultCacheDir = path.join(projectRoot, 'node_modules/.cache/local-backend')

/**
 * The compiled API, from a cache keyed on everything the compilation reads (the schema, the resolver slots,
 * cli.json, backend-config.json, the transformer's and CDK's versions and this folder's code). A hit skips
 * loading the transformer and CDK at all, which is most of the backend's start-up.
 */
export async function loadCompiledApi(
  options: { apiDir?: string; cacheDir?: string } = {},
): Promise<CompiledApi> {
  const apiDir = options.apiDir ?? defaultApiDir
  const cacheDir = options.cacheDir ?? defaultCacheDir
  const key = await compileInputsHash(apiDir)
  const file = path.join(cacheDir, `compiled-api-${key}.json`)
  const cached = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as CompiledApi,
    () => undefined,
  )
  if (cached) return cached
  const { compileApi } = await import('./compileApi')
  const api = await compileApi({ apiDir })
  await storeInCache(cacheDir, file, api)
  return api
}

async function storeInCache(cacheDir: string, file: string, api: CompiledApi) {
  try {
    await mkdir(cacheDir, { recursive: true })
    for (const old of await readdir(cacheDir)) {
      if (old.startsWith('compiled-api-')) await rm(path.join(cacheDir, old), { force: true })
    }
    // Write then rename, so a backend starting at the same moment never reads half a file.
    const partial = `${file}.${process.pid}.tmp`
    await writeFile(partial, JSON.stringify(api))
    await rename(partial, file)
  } catch {
    // A cache that cannot be written only costs the next start some time.
  }
}

async function compileInputsHash(apiDir: string): Promise<string> {
  const amplifyDir = path.resolve(apiDir, '../../..')
  const hash = createHash('sha256')
  const add = async (file: string) => {
    hash.update(file)
    hash.update(await readFile(file).catch(() => Buffer.alloc(0)))
  }
  await add(path.join(apiDir, 'schema.graphql'))
  await add(path.join(apiDir, 'cli-inputs.json'))
  await add(path.join(apiDir, 'parameters.json'))
  const stacks = await readdir(path.join(apiDir, 'stacks')).catch(() => [] as string[])
  for (const stack of stacks.sort()) await add(path.join(apiDir, 'stacks', stack))
  const slots = await readdir(path.join(apiDir, 'resolvers')).catch(() => [] as string[])
  for (const slot of slots.sort()) await add(path.join(apiDir, 'resolvers', slot))
  await add(path.join(amplifyDir, 'cli.json'))
  await add(path.join(amplifyDir, 'backend/backend-config.json'))
  await add(require.resolve('@aws-amplify/graphql-transformer/package.json'))
  await add(require.resolve('aws-cdk-lib/package.json'))
  const compileDir = import.meta.dirname
  for (const source of (await readdir(compileDir)).sort()) await add(path.join(compileDir, source))
  return hash.digest('hex').slice(0, 16)
}
