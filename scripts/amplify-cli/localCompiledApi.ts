import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

/** The part of local-backend's CompiledApi this check compares with the CLI's build/ output. */
export interface LocalCompiledApi {
  /** Equal to build/schema.graphql. */
  schema: string
  /** Keyed like the files under build/ (`resolvers/Query.getOpenChat.req.vtl`). */
  mappingTemplates: Record<string, string>
}

export const compileApiModule = path.join('local-backend', 'src', 'compile', 'compileApi.ts')

export type LocalCompileResult = { ok: true; api: LocalCompiledApi } | { ok: false; reason: string }

/**
 * Compiles the API the way the local backend serves it. Loaded at run time (tsx compiles it) so this
 * check does not depend on the local backend's internals at type-check time, only on the interface above.
 */
export async function compileLocally(projectRoot: string, apiDir: string): Promise<LocalCompileResult> {
  const modulePath = path.join(projectRoot, compileApiModule)
  if (!existsSync(modulePath)) return { ok: false, reason: `${compileApiModule} does not exist` }
  try {
    const module = (await import(pathToFileURL(modulePath).href)) as {
      compileApi?: (options?: { apiDir?: string }) => Promise<LocalCompiledApi>
    }
    if (typeof module.compileApi !== 'function') {
      return { ok: false, reason: `${compileApiModule} does not export compileApi()` }
    }
    const api = await module.compileApi({ apiDir })
    if (
      typeof api?.schema !== 'string' ||
      typeof api.mappingTemplates !== 'object' ||
      !api.mappingTemplates
    ) {
      return {
        ok: false,
        reason: 'compileApi() did not return { schema: string, mappingTemplates: Record<string, string> }',
      }
    }
    return { ok: true, api }
  } catch (error) {
    return { ok: false, reason: `compileApi() failed: ${(error as Error).stack ?? String(error)}` }
  }
}
