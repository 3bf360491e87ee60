import { createRequire } from 'node:module'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { AmplifyCli } from './cliCache'
import { CLI_PACKAGE } from './cliCache'

/** The JSON schemas the CLI itself validates cli-inputs.json with (CLIInputSchemaValidator). */
const schemasByService: Record<string, { plugin: string; schema: string; writtenByCli?: string[] }> = {
  Cognito: {
    plugin: '@aws-amplify/amplify-category-auth',
    schema: 'resources/schemas/cognito/CognitoCLIInputs.schema.json',
    // `amplify add auth` itself writes these (synthesize-resources.js, auth-input-state.js, cognito-defaults.js).
    writtenByCli: [
      '.cognitoConfig.authRoleArn',
      '.cognitoConfig.unauthRoleArn',
      '.cognitoConfig.breakCircularDependency',
      '.cognitoConfig.dependsOn',
      '.cognitoConfig.parentStack',
      '.cognitoConfig.permissions',
      '.cognitoConfig.defaultPasswordPolicy',
    ],
  },
  AppSync: {
    plugin: '@aws-amplify/amplify-category-api',
    schema: 'resources/schemas/appsync/AppSyncCLIInputs.schema.json',
  },
}

export interface CliInputsReport {
  file: string
  schema?: string
  /** Schema violations: the CLI refuses these files when it validates them (add/update/push). */
  errors: string[]
  /** Keys neither the schema declares nor `amplify add` writes: allowed (no additionalProperties: false), but likely typos. */
  undeclaredKeys: string[]
  /** Keys outside the schema that the CLI writes itself. */
  undeclaredButWrittenByCli: string[]
  note?: string
}

type JsonSchema = {
  $ref?: string
  properties?: Record<string, JsonSchema>
  items?: JsonSchema | JsonSchema[]
  allOf?: JsonSchema[]
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  additionalProperties?: boolean | JsonSchema
  definitions?: Record<string, JsonSchema>
}

interface AjvInstance {
  compile(schema: object): {
    (data: unknown): boolean
    errors?: { dataPath?: string; message?: string; params?: unknown }[] | null
  }
}

/** Validates every amplify/backend/<category>/<resource>/cli-inputs.json with the CLI's own schema and ajv. */
export function validateCliInputs(cli: AmplifyCli, projectRoot: string): CliInputsReport[] {
  const fromCli = createRequire(
    createRequire(path.join(cli.nodeModules, 'package.json')).resolve(`${CLI_PACKAGE}/package.json`),
  )
  const fromCore = createRequire(fromCli.resolve('@aws-amplify/amplify-cli-core/package.json'))
  // The CLI's ajv (6.x), so the verdict is the CLI's; allErrors only makes it list every problem.
  const Ajv = fromCore('ajv') as new (options: object) => AjvInstance

  const backendDir = path.join(projectRoot, 'amplify', 'backend')
  const backendConfig = JSON.parse(
    readFileSync(path.join(backendDir, 'backend-config.json'), 'utf8'),
  ) as Record<string, Record<string, { service?: string }>>
  const reports: CliInputsReport[] = []
  for (const [category, resources] of Object.entries(backendConfig)) {
    for (const [resourceName, resource] of Object.entries(resources)) {
      const file = path.join('amplify', 'backend', category, resourceName, 'cli-inputs.json')
      const fullPath = path.join(projectRoot, file)
      if (!existsSync(fullPath)) continue
      const known = resource.service ? schemasByService[resource.service] : undefined
      if (!known) {
        reports.push({
          file,
          errors: [],
          undeclaredKeys: [],
          undeclaredButWrittenByCli: [],
          note: `no CLI schema known for service ${resource.service}`,
        })
        continue
      }
      const schemaPath = path.join(
        path.dirname(fromCli.resolve(`${known.plugin}/package.json`)),
        known.schema,
      )
      const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as JsonSchema
      let input: unknown
      try {
        input = JSON.parse(readFileSync(fullPath, 'utf8'))
      } catch (error) {
        reports.push({
          file,
          schema: known.schema,
          errors: [`not valid JSON: ${(error as Error).message}`],
          undeclaredKeys: [],
          undeclaredButWrittenByCli: [],
        })
        continue
      }
      const validate = new Ajv({ allErrors: true }).compile(schema)
      const errors = validate(input)
        ? []
        : (validate.errors ?? []).map(
            (error) =>
              `${error.dataPath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params ?? {})}`,
          )
      const undeclared = findUndeclaredKeys(input, schema, schema, '')
      reports.push({
        file,
        schema: `${known.plugin}/${known.schema}`,
        errors,
        undeclaredKeys: undeclared.filter((key) => !known.writtenByCli?.includes(key)),
        undeclaredButWrittenByCli: undeclared.filter((key) => known.writtenByCli?.includes(key)),
      })
    }
  }
  return reports
}

function resolveRef(node: JsonSchema, root: JsonSchema): JsonSchema {
  let current = node
  for (let depth = 0; current.$ref && depth < 20; depth++) {
    const match = /^#\/definitions\/(.+)$/.exec(current.$ref)
    current = (match && root.definitions?.[match[1]]) || {}
  }
  return current
}

/** Every schema alternative that applies to a value (allOf/anyOf/oneOf flattened). */
function branches(node: JsonSchema, root: JsonSchema): JsonSchema[] {
  const resolved = resolveRef(node, root)
  const nested = [...(resolved.allOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])]
  return [resolved, ...nested.flatMap((child) => branches(child, root))]
}

function findUndeclaredKeys(value: unknown, node: JsonSchema, root: JsonSchema, at: string): string[] {
  const applicable = branches(node, root)
  if (Array.isArray(value)) {
    const itemSchemas = applicable.flatMap((branch) =>
      branch.items === undefined ? [] : Array.isArray(branch.items) ? branch.items : [branch.items],
    )
    if (!itemSchemas.length) return []
    return value.flatMap((item, index) =>
      itemSchemas.length === 1 ? findUndeclaredKeys(item, itemSchemas[0], root, `${at}[${index}]`) : [],
    )
  }
  if (value === null || typeof value !== 'object') return []
  const declared = new Map<string, JsonSchema[]>()
  for (const branch of applicable) {
    for (const [key, child] of Object.entries(branch.properties ?? {})) {
      declared.set(key, [...(declared.get(key) ?? []), child])
    }
  }
  // A schema without properties (or with free-form additionalProperties) says nothing about keys.
  if (!declared.size || applicable.some((branch) => typeof branch.additionalProperties === 'object'))
    return []
  const found: string[] = []
  for (const [key, child] of Object.entries(value)) {
    const childSchemas = declared.get(key)
    if (!childSchemas) {
      found.push(`${at}.${key}`)
      continue
    }
    if (childSchemas.length === 1)
      found.push(...findUndeclaredKeys(child, childSchemas[0], root, `${at}.${key}`))
  }
  return found
}
