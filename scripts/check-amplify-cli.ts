/**
 * `npm run check:amplify-cli`: runs the real Amplify Gen 1 CLI (offline, on throwaway copies of the
 * project) and fails when it rejects the project, or when its compiled API or its codegen differ from
 * what the local backend serves and what `npm run codegen` committed. See docs/amplify-cli-check.md.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureCodegenPlugin, runAmplify } from './amplify-cli/amplifyCommand'
import { checkApiLimits } from './amplify-cli/apiLimitsCheck'
import { CheckReport } from './amplify-cli/checkReport'
import { CLI_VERSION, ensureAmplifyCli, removeUnfinishedInstall } from './amplify-cli/cliCache'
import { checkCodegen } from './amplify-cli/codegenCheck'
import { checkCompileResult, compareWithLocal } from './amplify-cli/compiledApiCheck'
import { compileLocally } from './amplify-cli/localCompiledApi'
import { ensureOverrideDependencies, linkOverrideDependencies } from './amplify-cli/overrideDependencies'
import {
  checkBuild,
  checkCliInputs,
  checkTransformerVersion,
  reportRewrites,
} from './amplify-cli/projectFilesCheck'
import { signalAllChildGroups } from '../testkit/childProcessGroup'
import { createWorkspace, removeWorkspace } from './amplify-cli/workspace'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const API_NAME = 'chatapi'
const apiDirIn = (root: string) => path.join(root, 'amplify', 'backend', 'api', API_NAME)
// `amplify build` compiles override.ts with TypeScript after its npm install; on a busy machine that alone
// can take a few minutes.
const BUILD_TIMEOUT_MS = 10 * 60 * 1000

const report = new CheckReport()
const workspaceDirs: string[] = []

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    signalAllChildGroups('SIGTERM')
    removeUnfinishedInstall()
    workspaceDirs.forEach(removeWorkspace)
    console.error(`\n[check:amplify-cli] interrupted (${signal}); temporary files removed`)
    process.exit(signal === 'SIGINT' ? 130 : 143)
  })
}

const started = performance.now()
try {
  await main()
} catch (error) {
  report.fail('the check itself failed', [(error as Error).stack ?? String(error)])
} finally {
  // A phase still running in the background (after an unexpected error) must not outlive its directory.
  signalAllChildGroups('SIGTERM')
  workspaceDirs.forEach(removeWorkspace)
}
report.print(performance.now() - started)
// Exit explicitly: the local compiler loaded in-process may keep handles open.
process.exit(report.failures.length ? 1 : 0)

async function main() {
  const cli = await report.phase('Amplify CLI cache', () => ensureAmplifyCli((line) => report.log(line)))
  report.note(
    `${cli.reused ? 'reused' : 'installed'} @aws-amplify/cli-internal@${CLI_VERSION} in ${cli.cacheDir} ` +
      '(AMPLIFY_CLI_CACHE_DIR overrides it)',
  )
  const registration = await report.phase('amplify-codegen plugin', () => ensureCodegenPlugin(cli))
  if (registration) report.log(`  registered amplify-codegen in ${cli.homeDir}/.amplify (once per cache)`)

  const overrideDependencies = await report.phase('override.ts dependencies', () =>
    ensureOverrideDependencies(cli, projectRoot, (line) => report.log(line)),
  )
  if (overrideDependencies) {
    report.note(
      `${overrideDependencies.reused ? 'reused' : 'installed'} amplify/backend/package.json in ${overrideDependencies.dir}: ` +
        "its lockfile and node_modules go into the copy `amplify build` runs in, so the CLI's npm install there has nothing to fetch",
    )
  }

  await report.phase('cli-inputs.json against the CLI schemas', () =>
    checkCliInputs(report, cli, projectRoot),
  )
  checkTransformerVersion(report, projectRoot)

  // Two copies: `amplify build` recompiles the API into build/, so it gets its own to run alongside.
  const [workspace, buildWorkspace] = await report.phase('throwaway projects', () => [
    createWorkspace(projectRoot, API_NAME),
    createWorkspace(projectRoot, API_NAME),
  ])
  workspaceDirs.push(workspace.dir, buildWorkspace.dir)
  if (overrideDependencies) linkOverrideDependencies(overrideDependencies, buildWorkspace.dir)
  for (const problem of workspace.problems) report.fail(problem)
  if (workspace.usedDefaultGraphqlConfig) {
    report.fail(
      '.graphqlconfig.yml is missing: `amplify codegen` needs it (the check used what `amplify codegen add` writes)',
    )
  }

  // The CLI runs in child processes and the local API compiles in this one meanwhile: every CLI start
  // costs over a second of CPU, so overlapping them is most of what keeps the warm run short.
  const build = settle(
    report.phase('amplify build (every resource from its cli-inputs.json, with override.ts)', async () => {
      const built = checkBuild(
        report,
        await runAmplify(cli, ['build'], buildWorkspace.dir, { timeoutMs: BUILD_TIMEOUT_MS }),
        buildWorkspace.dir,
        projectRoot,
      )
      if (built) checkApiLimits(report, buildWorkspace.dir, projectRoot, API_NAME)
    }),
  )
  const cliCompile = settle(
    report.phase('amplify api gql-compile', () => runAmplify(cli, ['api', 'gql-compile'], workspace.dir)),
  )
  const localStarted = performance.now()
  const localCompile = compileLocally(projectRoot, apiDirIn(projectRoot)).finally(() =>
    report.record('local-backend compileApi()', localStarted, false),
  )
  const buildDir = path.join(apiDirIn(workspace.dir), 'build')
  const compiled = checkCompileResult(report, unwrap(await cliCompile), buildDir)
  const local = await localCompile
  if (compiled) {
    await report.phase('compare with the local backend', () => compareWithLocal(report, buildDir, local))
    await report.phase('amplify codegen', async () =>
      checkCodegen(report, await runAmplify(cli, ['codegen'], workspace.dir), workspace.dir, projectRoot),
    )
  } else if (!local.ok) {
    report.fail(`cannot compile the local backend's API: ${local.reason}`)
  }
  unwrap(await build)
  reportRewrites(report, [workspace, buildWorkspace])
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown }

/** Lets a phase run in the background without its failure becoming an unhandled rejection meanwhile. */
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  )
}

function unwrap<T>(settled: Settled<T>): T {
  if (!settled.ok) throw settled.error
  return settled.value
}
