import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { cleanCliOutput, describeExit, outputExcerpt } from './amplifyCommand'
import type { CheckReport } from './checkReport'
import { listFiles } from './listFiles'
import { compileApiModule, type LocalCompileResult } from './localCompiledApi'
import type { CommandResult } from '../../testkit/childProcessGroup'
import { compareTexts, formatDifferences, type TextDifference } from './textDiff'

const SCHEMA = 'schema.graphql'

/**
 * `amplify api gql-compile` exits 0 on some failures, so success means: exit 0 and a build/ with the
 * schema and mapping templates in it (the workspace starts without one).
 */
export function checkCompileResult(report: CheckReport, result: CommandResult, buildDir: string): boolean {
  const schemaWritten = existsSync(path.join(buildDir, SCHEMA))
  const templates = listFiles(buildDir).filter((file) => file.endsWith('.vtl'))
  if (result.code !== 0 || !schemaWritten || templates.length === 0) {
    const why =
      result.code !== 0
        ? describeExit(result)
        : !schemaWritten
          ? `exit 0 but no build/${SCHEMA}`
          : 'exit 0 but no mapping templates in build/'
    report.fail(`amplify api gql-compile failed (${why})`, outputExcerpt(result))
    return false
  }
  const warnings = cleanCliOutput(result.output)
    .split('\n')
    .filter((line) => /warning/i.test(line))
  for (const warning of warnings) report.note(`amplify api gql-compile: ${warning}`)
  report.log(`  the CLI wrote build/${SCHEMA} and ${templates.length} mapping templates`)
  return true
}

/** Compares the CLI's build/ with what the local backend serves: the schema and every mapping template. */
export function compareWithLocal(report: CheckReport, buildDir: string, local: LocalCompileResult) {
  if (!local.ok) {
    report.fail(`cannot compare with the local backend: ${local.reason}`, [
      `expected ${compileApiModule} exporting compileApi(options?: { apiDir?: string }): Promise<{ schema, mappingTemplates }>`,
    ])
    return
  }
  const differences: TextDifference[] = []
  const schemaDifference = compareTexts(
    `build/${SCHEMA}`,
    readFileSync(path.join(buildDir, SCHEMA), 'utf8'),
    local.api.schema,
  )
  if (schemaDifference) differences.push(schemaDifference)

  const localTemplates = local.api.mappingTemplates
  const cliNames = listFiles(buildDir).filter((file) => file.endsWith('.vtl'))
  const onlyCli = cliNames.filter((name) => !(name in localTemplates))
  const onlyLocal = Object.keys(localTemplates)
    .filter((name) => !cliNames.includes(name))
    .sort()
  let identical = 0
  for (const name of cliNames) {
    if (!(name in localTemplates)) continue
    const difference = compareTexts(
      name,
      readFileSync(path.join(buildDir, name), 'utf8'),
      localTemplates[name],
    )
    if (difference) differences.push(difference)
    else identical++
  }
  report.log(
    `  schema ${schemaDifference ? 'DIFFERS' : 'identical'}; ${identical} of ${cliNames.length} CLI mapping ` +
      `templates identical (the local backend has ${Object.keys(localTemplates).length})`,
  )
  if (!differences.length && !onlyCli.length && !onlyLocal.length) return

  const details: string[] = []
  if (onlyCli.length) details.push(`only the CLI writes (${onlyCli.length}): ${onlyCli.join(', ')}`)
  if (onlyLocal.length)
    details.push(`only the local backend has (${onlyLocal.length}): ${onlyLocal.join(', ')}`)
  details.push(...formatDifferences(differences, 'CLI build/', 'local backend'))
  report.fail(
    `the local backend's compiled API differs from \`amplify api gql-compile\` (${differences.length} differing, ` +
      `${onlyCli.length} missing, ${onlyLocal.length} extra)`,
    details,
  )
}
