import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { isDeepStrictEqual } from 'node:util'
import os from 'node:os'
import path from 'node:path'
import { listFiles } from './listFiles'

/**
 * What `amplify codegen add` writes for this project; used only when the project has no
 * .graphqlconfig.yml (which is itself reported as a failure).
 */
export function defaultGraphqlConfig(apiName: string): string {
  return `projects:
  ${apiName}:
    schemaPath: amplify/backend/api/${apiName}/build/schema.graphql
    includes:
      - src/graphql/**/*.ts
    excludes:
      - ./amplify/**
      - src/API.ts
    extensions:
      amplify:
        codeGenTarget: typescript
        generatedFileName: src/API.ts
        docsFilePath: src/graphql
        maxDepth: 2
extensions:
  amplify:
    version: 3
`
}

export interface Workspace {
  /** The throwaway project directory the CLI runs in. */
  dir: string
  /**
   * Project files copied in (relative to the project root) with their content at copy time, to detect
   * what the CLI rewrites; a snapshot, so edits to the project while the check runs are not mistaken for it.
   */
  copiedFiles: Map<string, string>
  /** True when the project had no .graphqlconfig.yml and the default was written. */
  usedDefaultGraphqlConfig: boolean
  /** Problems with the project's files found while preparing (not CLI output). */
  problems: string[]
}

/**
 * Per-machine and generated files under amplify/ (the CLI's own .gitignore block). They are never
 * copied: the workspace gets fresh ones, so a stale local build cannot pass for the CLI's output.
 */
const PER_MACHINE_TOP_LEVEL = new Set([
  '#current-cloud-backend',
  'logs',
  'mock-data',
  'mock-api-resources',
  'team-provider-info.json',
])

function isPerMachineOrGenerated(relativeToAmplify: string): boolean {
  const parts = relativeToAmplify.split(path.sep)
  const [first, second] = parts
  if (PER_MACHINE_TOP_LEVEL.has(first)) return true
  if (first === '.config' && second?.startsWith('local-')) return true
  if (first === 'backend' && (second === 'amplify-meta.json' || second === '.temp')) return true
  if (first === 'backend' && parts.includes('build')) return true
  return parts.includes('node_modules')
}

export function createWorkspace(projectRoot: string, apiName: string): Workspace {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amplify-cli-check-'))
  const problems: string[] = []
  const amplifySource = path.join(projectRoot, 'amplify')
  const amplifyTarget = path.join(dir, 'amplify')
  cpSync(amplifySource, amplifyTarget, {
    recursive: true,
    filter: (source) =>
      source === amplifySource || !isPerMachineOrGenerated(path.relative(amplifySource, source)),
  })
  const copiedFiles = new Map(
    listFiles(amplifyTarget).map((file) => [
      `amplify/${file}`,
      readFileSync(path.join(amplifyTarget, file), 'utf8'),
    ]),
  )

  let usedDefaultGraphqlConfig = false
  const graphqlConfig = path.join(projectRoot, '.graphqlconfig.yml')
  if (existsSync(graphqlConfig)) {
    cpSync(graphqlConfig, path.join(dir, '.graphqlconfig.yml'))
    copiedFiles.set('.graphqlconfig.yml', readFileSync(path.join(dir, '.graphqlconfig.yml'), 'utf8'))
  } else {
    writeFileSync(path.join(dir, '.graphqlconfig.yml'), defaultGraphqlConfig(apiName))
    usedDefaultGraphqlConfig = true
  }
  // `amplify codegen` writes here; it must start empty so every file in it comes from the CLI.
  mkdirSync(path.join(dir, 'src'))

  writeJson(path.join(amplifyTarget, '.config', 'local-env-info.json'), {
    projectPath: dir,
    defaultEditor: 'none',
    envName: 'dev',
  })
  writeJson(path.join(amplifyTarget, '#current-cloud-backend', 'amplify-meta.json'), {})

  // Offline, the meta file only has to describe the resources; backend-config already does, including
  // the API's output.authConfig, which the transformer reads for the auth modes.
  const backendConfigFile = path.join(amplifyTarget, 'backend', 'backend-config.json')
  if (!existsSync(backendConfigFile)) {
    problems.push('amplify/backend/backend-config.json is missing')
  } else {
    const backendConfig = readJson(backendConfigFile) as {
      api?: Record<string, { output?: { authConfig?: unknown } }>
    }
    if (!backendConfig.api?.[apiName]) {
      problems.push(`amplify/backend/backend-config.json has no api.${apiName} entry`)
    } else if (!backendConfig.api[apiName].output?.authConfig) {
      problems.push(
        `amplify/backend/backend-config.json: api.${apiName}.output.authConfig is missing (the CLI derives the API's auth modes from it)`,
      )
    }
    writeJson(path.join(amplifyTarget, 'backend', 'amplify-meta.json'), backendConfig)
  }
  return { dir, copiedFiles, usedDefaultGraphqlConfig, problems }
}

export function removeWorkspace(dir: string) {
  rmSync(dir, { recursive: true, force: true })
}

export interface Rewrite {
  file: string
  /** True when the content is the same JSON and only the formatting changed. */
  formattingOnly: boolean
}

/** Project files the CLI rewrote while it ran: in the real project these would show up as changes. */
export function findRewrites(workspace: Workspace): Rewrite[] {
  const rewrites: Rewrite[] = []
  for (const [file, original] of workspace.copiedFiles) {
    const target = path.join(workspace.dir, file)
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined
    if (current === original) continue
    let formattingOnly = false
    if (current !== undefined && file.endsWith('.json')) {
      try {
        formattingOnly = isDeepStrictEqual(JSON.parse(original), JSON.parse(current))
      } catch {
        formattingOnly = false
      }
    }
    rewrites.push({ file, formattingOnly })
  }
  return rewrites
}

function writeJson(file: string, value: unknown) {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`)
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'))
}
