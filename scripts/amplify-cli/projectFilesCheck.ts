import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describeExit, outputExcerpt } from './amplifyCommand'
import type { AmplifyCli } from './cliCache'
import { validateCliInputs } from './cliInputsSchemas'
import type { CheckReport } from './checkReport'
import type { CommandResult } from '../../testkit/childProcessGroup'
import { findRewrites, type Workspace } from './workspace'

/** Validates every cli-inputs.json with the CLI's own schema (the CLI validates them on add/update/push). */
export function checkCliInputs(report: CheckReport, cli: AmplifyCli, projectRoot: string) {
  for (const result of validateCliInputs(cli, projectRoot)) {
    if (result.note) report.note(`${result.file}: ${result.note}`)
    if (result.errors.length) {
      report.fail(`${result.file} does not validate against the CLI's ${result.schema}`, result.errors)
    } else if (result.schema) {
      report.note(`${result.file} validates against ${result.schema}`)
    }
    if (result.undeclaredButWrittenByCli.length) {
      report.note(
        `${result.file}: outside the schema but written by \`amplify add\` itself: ` +
          result.undeclaredButWrittenByCli.join(', '),
      )
    }
    if (result.undeclaredKeys.length) {
      report.warn(
        `${result.file}: keys neither the CLI schema declares nor \`amplify add\` writes ` +
          `(allowed, but probably a typo): ${result.undeclaredKeys.join(', ')}`,
      )
    }
  }
}

/** Without transformerversion 2 the CLI silently compiles with transformer v1 (different output). */
export function checkTransformerVersion(report: CheckReport, projectRoot: string) {
  const file = path.join(projectRoot, 'amplify', 'cli.json')
  type CliJson = { features?: { graphqltransformer?: { transformerversion?: unknown } } }
  const version = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as CliJson).features?.graphqltransformer?.transformerversion
    : undefined
  if (version !== 2) {
    report.fail(
      `amplify/cli.json must set features.graphqltransformer.transformerversion to 2 (found ${String(version)})`,
    )
  }
}

/**
 * `amplify build` turns every resource's cli-inputs.json into its CloudFormation template, offline. It
 * swallows a resource's transform error and exits 0, so success means: every template was written.
 */
export function checkBuild(
  report: CheckReport,
  result: CommandResult,
  workspaceDir: string,
  projectRoot: string,
): boolean {
  const backendConfig = JSON.parse(
    readFileSync(path.join(projectRoot, 'amplify', 'backend', 'backend-config.json'), 'utf8'),
  ) as Record<string, Record<string, unknown>>
  const expected = [
    ...Object.keys(backendConfig.auth ?? {}).map(
      (name) => `amplify/backend/auth/${name}/build/${name}-cloudformation-template.json`,
    ),
    ...Object.keys(backendConfig.api ?? {}).map(
      (name) => `amplify/backend/api/${name}/build/cloudformation-template.json`,
    ),
  ]
  const missing = expected.filter((file) => !existsSync(path.join(workspaceDir, file)))
  if (result.code !== 0 || missing.length) {
    const notWritten = missing.length ? `; not written: ${missing.join(', ')}` : ''
    report.fail(
      `amplify build could not build every resource (${describeExit(result)}${notWritten}); the CLI ` +
        'swallows the reason: see the cli-inputs.json schema results and the gql-compile output',
      outputExcerpt(result),
    )
    return false
  }
  report.log(`  built ${expected.length} resource template(s)`)
  return true
}

/** Project files the CLI rewrote while it ran: in the real project they would show up as changes. */
export function reportRewrites(report: CheckReport, workspaces: Workspace[]) {
  const formattingOnlyByFile = new Map<string, boolean>()
  for (const workspace of workspaces) {
    for (const rewrite of findRewrites(workspace)) {
      const before = formattingOnlyByFile.get(rewrite.file) ?? true
      formattingOnlyByFile.set(rewrite.file, before && rewrite.formattingOnly)
    }
  }
  for (const [file, formattingOnly] of formattingOnlyByFile) {
    if (formattingOnly) report.note(`the CLI rewrites ${file} when it runs (formatting only, same JSON)`)
    else
      report.warn(
        `the CLI changes the content of ${file} when it runs (the committed file is not what it writes)`,
      )
  }
}
