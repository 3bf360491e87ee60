import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import type { UserDefinedSlot } from '@aws-amplify/graphql-transformer-core'
import type { AppSyncAuthConfiguration } from '@aws-amplify/graphql-transformer-interfaces'
import { parse } from 'graphql'
import { apiAuthConfig, schemaHasSandboxMode } from './apiAuthConfig'

/** The inputs `amplify api gql-compile` reads from an Amplify Gen 1 project, for one GraphQL API. */
export interface ApiProject {
  apiName: string
  apiDir: string
  schema: string
  authConfig: AppSyncAuthConfiguration
  /** Feature flags from amplify/cli.json, section `graphqltransformer` (lower-cased keys, as the CLI stores them). */
  transformerFlags: Record<string, unknown>
  userDefinedSlots: Record<string, UserDefinedSlot[]>
  /** Non-slot files in resolvers/: they replace the generated template of the same name, as in the CLI. */
  resolverOverrides: Record<string, string>
  /** `input AMPLIFY { globalAuthRule: AuthRule = { allow: public } }`: the transformer's sandbox mode. */
  sandboxModeEnabled: boolean
  /** The CloudFormation templates in stacks/ (custom resources), by file name. */
  customStacks: Record<string, unknown>
  /** parameters.json: the values the CLI passes to the API's stacks. */
  parameters: Record<string, unknown>
}

export const projectRoot = path.resolve(import.meta.dirname, '../../..')
export const defaultApiDir = path.join(projectRoot, 'amplify/backend/api/chatapi')

const slotFilePattern = /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)\.([A-Za-z]+)\.(\d+)\.(req|res)\.vtl$/

export async function readApiProject(apiDir = defaultApiDir): Promise<ApiProject> {
  const apiName = path.basename(apiDir)
  const amplifyDir = path.resolve(apiDir, '../../..')
  const schema = await readFile(path.join(apiDir, 'schema.graphql'), 'utf8')
  const cliJson = JSON.parse(await readFile(path.join(amplifyDir, 'cli.json'), 'utf8'))
  const backendConfig = JSON.parse(
    await readFile(path.join(amplifyDir, 'backend/backend-config.json'), 'utf8'),
  )
  const cliInputs = await readJson(path.join(apiDir, 'cli-inputs.json'))
  const authConfig = apiAuthConfig(cliInputs, backendConfig.api?.[apiName]?.output?.authConfig, apiDir)
  if (cliJson.features?.graphqltransformer?.transformerversion !== 2) {
    // Without this flag the CLI silently compiles with transformer v1: refuse rather than drift from it.
    throw new Error('amplify/cli.json must set features.graphqltransformer.transformerversion to 2')
  }
  const { userDefinedSlots, resolverOverrides } = await readResolverFiles(path.join(apiDir, 'resolvers'))
  return {
    apiName,
    apiDir,
    schema,
    authConfig,
    transformerFlags: cliJson.features.graphqltransformer,
    userDefinedSlots,
    resolverOverrides,
    sandboxModeEnabled: schemaHasSandboxMode(parse(schema).definitions),
    customStacks: await readCustomStacks(path.join(apiDir, 'stacks')),
    parameters: ((await readJson(path.join(apiDir, 'parameters.json'))) ?? {}) as Record<string, unknown>,
  }
}

async function readJson(file: string): Promise<Record<string, never> | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error })
  }
}

async function readCustomStacks(dir: string): Promise<Record<string, unknown>> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort()
  const stacks: Record<string, unknown> = {}
  for (const file of files) stacks[file] = await readJson(path.join(dir, file))
  return stacks
}

async function readResolverFiles(dir: string) {
  const userDefinedSlots: Record<string, UserDefinedSlot[]> = {}
  const resolverOverrides: Record<string, string> = {}
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.vtl')).sort()
  const slots = new Map<string, UserDefinedSlot>()
  for (const fileName of files) {
    const template = await readFile(path.join(dir, fileName), 'utf8')
    const match = slotFilePattern.exec(fileName)
    if (!match) {
      resolverOverrides[fileName] = template
      continue
    }
    const [, typeName, fieldName, slotName, index, kind] = match
    const key = `${typeName}.${fieldName}.${slotName}.${index}`
    const slot = slots.get(key) ?? { resolverTypeName: typeName, resolverFieldName: fieldName, slotName }
    if (kind === 'req') slot.requestResolver = { fileName, template }
    else slot.responseResolver = { fileName, template }
    slots.set(key, slot)
  }
  for (const slot of slots.values()) {
    const resolverKey = `${slot.resolverTypeName}.${slot.resolverFieldName}`
    ;(userDefinedSlots[resolverKey] ??= []).push(slot)
  }
  return { userDefinedSlots, resolverOverrides }
}
