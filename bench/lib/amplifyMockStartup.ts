import { existsSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { amplifyEnv, cleanCliOutput, runAmplify } from '../../scripts/amplify-cli/amplifyCommand'
import { CLI_PACKAGE, defaultCacheDir, type AmplifyCli } from '../../scripts/amplify-cli/cliCache'
import {
  ensureOverrideDependencies,
  linkOverrideDependencies,
} from '../../scripts/amplify-cli/overrideDependencies'
import { createWorkspace, removeWorkspace } from '../../scripts/amplify-cli/workspace'
import { startChildGroup } from '../../testkit/childProcessGroup'

const API_NAME = 'chatapi'
const AUTH_NAME = 'chatauth'
const READY_LINE = /AppSync Mock endpoint is running/
const FAILED_LINE = /Failed to start API Mocking[\s\S]*?Reason: [^\n]*/
const READY_TIMEOUT_MS = 120_000
const BUILD_TIMEOUT_MS = 15 * 60_000
const STOP_GRACE_MS = 20_000

export type MockStartup =
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; reason: string; runsMs: number[] }
  | { status: 'measured'; runsMs: number[]; notes: string[] }

/** The CLI that `npm run check:amplify-cli` installed, or undefined; this benchmark never installs it. */
export function findInstalledAmplifyCli(): AmplifyCli | undefined {
  const cacheDir = path.resolve(defaultCacheDir())
  const nodeModules = path.join(cacheDir, 'node_modules')
  const entry = path.join(nodeModules, CLI_PACKAGE, 'bin', 'amplify')
  if (!existsSync(entry)) return undefined
  return {
    cacheDir,
    entry,
    nodeModules,
    codegenPluginDir: path.join(nodeModules, 'amplify-codegen'),
    homeDir: path.join(cacheDir, 'home'),
    reused: true,
  }
}

let workspaceToRemove: string | undefined

/** For an interrupted benchmark: the throwaway project must not stay in the temporary folder. */
export function removeMockWorkspace() {
  if (workspaceToRemove) removeWorkspace(workspaceToRemove)
  workspaceToRemove = undefined
}

/**
 * Time from spawning `amplify mock api` until it prints that its endpoint is running, on a throwaway copy of
 * the project prepared like `npm run check:amplify-cli` does, plus `amplify build` (untimed: the mock reads the
 * auth resource's build parameters). Each run starts with no mock data, as our in-memory backend does, and
 * ends with SIGINT to its process group: that is how the CLI removes the resolvers it wrote and stops
 * DynamoDB Local.
 */
export async function measureAmplifyMockStartup(
  cli: AmplifyCli,
  options: { projectRoot: string; runs: number; log: (line: string) => void },
): Promise<MockStartup> {
  const workspace = createWorkspace(options.projectRoot, API_NAME)
  workspaceToRemove = workspace.dir
  const notes = [...workspace.problems]
  try {
    // Port 0: the simulator picks a free port itself, so a backend already on 20002 does not matter.
    writeFileSync(path.join(workspace.dir, 'amplify', 'mock.json'), `${JSON.stringify({ graphqlPort: 0 })}\n`)
    const buildStarted = performance.now()
    // The CLI runs npm install in amplify/backend before compiling override.ts: give it the prepared
    // lockfile and node_modules so it fetches nothing (scripts/amplify-cli/overrideDependencies.ts).
    const overrideDependencies = await ensureOverrideDependencies(cli, options.projectRoot, options.log)
    if (overrideDependencies) linkOverrideDependencies(overrideDependencies, workspace.dir)
    // Building every resource compiles override.ts with TypeScript: minutes on a busy machine, and untimed.
    const build = await runAmplify(cli, ['build'], workspace.dir, { timeoutMs: BUILD_TIMEOUT_MS })
    const authParameters = path.join(
      workspace.dir,
      'amplify',
      'backend',
      'auth',
      AUTH_NAME,
      'build',
      'parameters.json',
    )
    if (build.code !== 0 || !existsSync(authParameters)) {
      return {
        status: 'failed',
        reason: `\`amplify build\` on the throwaway copy failed (exit ${build.code ?? build.signal}), so \`amplify mock api\` cannot start:\n${excerpt(build.output)}`,
        runsMs: [],
      }
    }
    options.log(
      `  prepared a throwaway copy and ran \`amplify build\` (${Math.round(performance.now() - buildStarted)} ms, untimed)`,
    )

    const runsMs: number[] = []
    const failures: string[] = []
    for (let run = 0; run < options.runs; run++) {
      rmSync(path.join(workspace.dir, 'amplify', 'mock-data'), { recursive: true, force: true })
      const mock = startChildGroup(process.execPath, [cli.entry, 'mock', 'api'], {
        cwd: workspace.dir,
        env: amplifyEnv(cli),
      })
      try {
        const ready = await mock.waitFor(READY_LINE, { timeoutMs: READY_TIMEOUT_MS, failure: FAILED_LINE })
        runsMs.push(ready.elapsedMs)
        options.log(`  run ${run + 1}: ${Math.round(ready.elapsedMs)} ms`)
      } catch (error) {
        // One start that gives up (DynamoDB Local has a start timeout of its own, which a busy machine can
        // exceed) is reported, and the other runs still count; none starting is a failure.
        const reason = `run ${run + 1}: \`amplify mock api\` did not start: ${(error as Error).message}\n${excerpt(mock.output())}`
        options.log(`  ${reason}`)
        failures.push(reason)
      } finally {
        const exit = await mock.stop('SIGINT', { graceMs: STOP_GRACE_MS, group: true })
        if (exit.forced || exit.leftProcesses)
          notes.push(`run ${run + 1}: amplify mock api had to be killed after SIGINT`)
      }
    }
    if (runsMs.length === 0) return { status: 'failed', reason: failures.join('\n'), runsMs }
    for (const failure of failures) notes.push(`${failure.split('\n')[0]} (not in the median)`)
    return { status: 'measured', runsMs, notes }
  } finally {
    removeMockWorkspace()
  }
}

function excerpt(output: string): string {
  return cleanCliOutput(output)
    .split('\n')
    .filter(
      (line) =>
        !/NodeVersionSupportWarning|node >=22|a\.co\/|trace-warnings|versions published|updates to AWS|security updates|will require/.test(
          line,
        ),
    )
    .slice(-12)
    .map((line) => `    ${line}`)
    .join('\n')
}
