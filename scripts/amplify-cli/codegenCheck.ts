import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describeExit, outputExcerpt } from './amplifyCommand'
import type { CheckReport } from './checkReport'
import { listFiles } from './listFiles'
import type { CommandResult } from '../../testkit/childProcessGroup'
import { compareTexts, formatDifferences, type TextDifference } from './textDiff'

/** The committed output of `npm run codegen`, which must equal what `amplify codegen` writes. */
export const GENERATED_FILES = [
  'src/graphql/queries.ts',
  'src/graphql/mutations.ts',
  'src/graphql/subscriptions.ts',
  'src/API.ts',
]

/**
 * Compares what `amplify codegen` wrote into the workspace's (initially empty) src/ with the project's
 * committed files. The CLI exits 0 when codegen fails (schema missing, plugin not registered, type
 * generation errors), so the written files are what counts.
 */
export function checkCodegen(
  report: CheckReport,
  result: CommandResult,
  workspaceDir: string,
  projectRoot: string,
) {
  const written = listFiles(path.join(workspaceDir, 'src')).map((file) => `src/${file}`)
  const notWritten = GENERATED_FILES.filter((file) => !written.includes(file))
  if (result.code !== 0 || notWritten.length) {
    const missing = notWritten.length ? `; did not write ${notWritten.join(', ')}` : ''
    report.fail(`amplify codegen failed (${describeExit(result)}${missing})`, outputExcerpt(result))
    return
  }

  const differences: TextDifference[] = []
  const absent: string[] = []
  for (const file of written) {
    const committed = path.join(projectRoot, file)
    if (!existsSync(committed)) {
      absent.push(file)
      continue
    }
    const difference = compareTexts(
      file,
      readFileSync(path.join(workspaceDir, file), 'utf8'),
      readFileSync(committed, 'utf8'),
    )
    if (difference) differences.push(difference)
  }
  const identical = written.length - absent.length - differences.length
  report.log(`  the CLI wrote ${written.join(', ')}; ${identical} identical to the project's`)
  if (absent.length) {
    report.fail(`generated files missing from the project (run \`npm run codegen\`): ${absent.join(', ')}`)
  }
  if (differences.length) {
    report.fail(
      `\`npm run codegen\` output differs from \`amplify codegen\` in ${differences.map((d) => d.name).join(', ')}`,
      formatDifferences(differences, 'amplify codegen', 'project'),
    )
  }

  // Other .ts files in src/graphql match the CLI's `includes` glob: in the real project the CLI would read
  // their operations into API.ts too, so the committed API.ts could not be what the CLI writes there.
  const extra = listFiles(path.join(projectRoot, 'src', 'graphql'))
    .map((file) => `src/graphql/${file}`)
    .filter((file) => file.endsWith('.ts') && !written.includes(file))
  if (extra.length) {
    report.warn(
      `${extra.join(', ')} match .graphqlconfig.yml's includes (src/graphql/**/*.ts): in the real project ` +
        '`amplify codegen` would add their operations to src/API.ts',
    )
  }
}
