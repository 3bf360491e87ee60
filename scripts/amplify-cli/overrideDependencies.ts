import { createHash } from 'node:crypto'
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { amplifyEnv } from './amplifyCommand'
import type { AmplifyCli } from './cliCache'
import { outputTail, runToCompletion } from '../../testkit/childProcessGroup'

/**
 * What the CLI needs to compile `override.ts` files, installed once per content of
 * `amplify/backend/package.json` into the CLI cache and linked into each throwaway project.
 *
 * Before compiling an override, `amplify build`, `amplify mock api` and `amplify push` run a plain
 * `npm install` in `amplify/backend` (`buildOverrideDir` in `@aws-amplify/amplify-cli-core`). The project
 * commits that folder's package.json (`@aws-amplify/cli-extensibility-helper`, which brings aws-cdk-lib, and
 * `typescript`) but no lockfile and no node_modules, so every fresh copy resolved all 261 packages against the
 * registry: 1-2 minutes with a cold npm cache (past the check's three-minute limit on a busy machine, reported
 * as a timeout), a minute warm, and with no network npm retries until the CLI gives up with
 * `InvalidOverrideError: Packaging overrides failed`. With a lockfile and a matching node_modules, the same
 * `npm install` finds nothing to do and needs no network.
 */
export interface OverrideDependencies {
  /** The prepared install: package.json, package-lock.json and node_modules. */
  dir: string
  reused: boolean
}

const MARKER_FILE = 'install-complete.json'
const INSTALL_TIMEOUT_MS = 15 * 60 * 1000

function backendPackageJson(projectRoot: string): string {
  return path.join(projectRoot, 'amplify', 'backend', 'package.json')
}

/**
 * The prepared install for the project's `amplify/backend/package.json`, installing it first (npm registry
 * needed once). Undefined when the project has no such file (no overrides: the CLI installs nothing).
 * Installed with the CLI's own environment, so its npm cache (in the CLI's HOME) holds every package too.
 */
export async function ensureOverrideDependencies(
  cli: AmplifyCli,
  projectRoot: string,
  log: (line: string) => void,
): Promise<OverrideDependencies | undefined> {
  const packageJsonFile = backendPackageJson(projectRoot)
  if (!existsSync(packageJsonFile)) return undefined
  const packageJson = readFileSync(packageJsonFile, 'utf8')
  const key = createHash('sha256')
    .update(process.versions.node.split('.')[0])
    .update(packageJson)
    .digest('hex')
    .slice(0, 16)
  const dir = path.join(cli.cacheDir, 'override-dependencies', key)
  if (existsSync(path.join(dir, MARKER_FILE))) return { dir, reused: true }

  const staging = `${dir}.staging-${process.pid}`
  rmSync(staging, { recursive: true, force: true })
  mkdirSync(staging, { recursive: true })
  writeFileSync(path.join(staging, 'package.json'), packageJson)
  log(`installing amplify/backend/package.json (what the CLI compiles override.ts with) into ${dir}`)
  const logFile = path.join(staging, 'npm-install.log')
  try {
    mkdirSync(cli.homeDir, { recursive: true })
    const result = await runToCompletion('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: staging,
      env: amplifyEnv(cli),
      timeoutMs: INSTALL_TIMEOUT_MS,
      shell: process.platform === 'win32',
      onOutput: (chunk) => appendFileSync(logFile, chunk),
    })
    if (result.code !== 0 || !existsSync(path.join(staging, 'package-lock.json'))) {
      throw new Error(
        `npm install of amplify/backend/package.json failed (${result.timedOut ? 'timed out' : `exit ${result.code ?? result.signal}`}):\n${outputTail(result.output, 20)}`,
      )
    }
    writeFileSync(path.join(staging, MARKER_FILE), JSON.stringify({ packageJson }))
    rmSync(dir, { recursive: true, force: true })
    renameSync(staging, dir)
  } catch (error) {
    rmSync(staging, { recursive: true, force: true })
    if (existsSync(path.join(dir, MARKER_FILE))) return { dir, reused: true }
    throw error
  }
  return { dir, reused: false }
}

/**
 * Puts the prepared lockfile and node_modules into a throwaway project's `amplify/backend`, node_modules as
 * hard links (a copy of 20,000 files in a second or two, no extra disk; npm only reads them, and the CLI's
 * TypeScript writes its output elsewhere). The CLI's `npm install` then has nothing to fetch.
 */
export function linkOverrideDependencies(dependencies: OverrideDependencies, projectDir: string): void {
  const backendDir = path.join(projectDir, 'amplify', 'backend')
  copyFileSync(path.join(dependencies.dir, 'package-lock.json'), path.join(backendDir, 'package-lock.json'))
  linkTree(path.join(dependencies.dir, 'node_modules'), path.join(backendDir, 'node_modules'))
}

function linkTree(source: string, target: string): void {
  mkdirSync(target, { recursive: true })
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name)
    const to = path.join(target, entry.name)
    if (entry.isDirectory()) linkTree(from, to)
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(from), to)
    // npm rewrites its record of the tree in place: that one file is the copy's own.
    else if (entry.name === '.package-lock.json') copyFileSync(from, to)
    else {
      try {
        linkSync(from, to)
      } catch {
        // Another file system, or one without hard links: a copy serves as well.
        copyFileSync(from, to)
      }
    }
  }
}
