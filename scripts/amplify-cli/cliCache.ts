import { createRequire } from 'node:module'
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  appendFileSync,
  copyFileSync,
  readdirSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { outputTail, runToCompletion } from '../../testkit/childProcessGroup'

export const CLI_PACKAGE = '@aws-amplify/cli-internal'
export const CLI_VERSION = '14.2.2'

/**
 * What gets installed in the cache. The two pins make the CLI installable offline and working:
 * category-api 5.15.7 needs an auth-transformer version the registry lacks, and without a single
 * top-level graphql two copies load and every request fails with "another module or realm".
 */
export const cachePackageJson = {
  name: 'amplify-cli-check-cache',
  private: true,
  description:
    'The Amplify Gen 1 CLI for `npm run check:amplify-cli` (amplify-realtime-chat). Safe to delete.',
  dependencies: { [CLI_PACKAGE]: CLI_VERSION, graphql: '15.11.0' },
  overrides: { '@aws-amplify/amplify-category-api': '5.15.3' },
}

const MARKER_FILE = 'install-complete.json'
const INSTALL_TIMEOUT_MS = 15 * 60 * 1000

export interface AmplifyCli {
  cacheDir: string
  /** The `amplify` bin script of cli-internal, run with this Node. */
  entry: string
  /** node_modules of the cache, to load the CLI's own libraries (ajv, JSON schemas). */
  nodeModules: string
  codegenPluginDir: string
  /** A HOME for CLI runs: the CLI keeps its plugin registry and logs in ~/.amplify. */
  homeDir: string
  /** True when the cache was already installed. */
  reused: boolean
}

export function defaultCacheDir(): string {
  return (
    process.env.AMPLIFY_CLI_CACHE_DIR ||
    path.join(os.homedir(), '.cache', 'amplify-realtime-chat', `cli-internal-${CLI_VERSION}`)
  )
}

let unfinishedStaging: string | undefined

/** Removes this run's half-finished install (called when the script is interrupted). */
export function removeUnfinishedInstall() {
  if (unfinishedStaging) rmSync(unfinishedStaging, { recursive: true, force: true })
}

/** Staging directories of runs that died mid-install (their pid is gone) are 1 GB of waste. */
function removeAbandonedStagings(cacheDir: string) {
  const parent = path.dirname(cacheDir)
  const prefix = `${path.basename(cacheDir)}.staging-`
  if (!existsSync(parent)) return
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue
    const pid = Number(name.slice(prefix.length))
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) continue
    rmSync(path.join(parent, name), { recursive: true, force: true })
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function failedLogFile(cacheDir: string): string {
  return `${cacheDir}.npm-install-failed.log`
}

function expectedMarker(): string {
  return JSON.stringify({ node: process.versions.node.split('.')[0], packageJson: cachePackageJson }, null, 2)
}

function describe(cacheDir: string, reused: boolean): AmplifyCli {
  const nodeModules = path.join(cacheDir, 'node_modules')
  return {
    cacheDir,
    entry: path.join(nodeModules, CLI_PACKAGE, 'bin', 'amplify'),
    nodeModules,
    codegenPluginDir: path.join(nodeModules, 'amplify-codegen'),
    homeDir: path.join(cacheDir, 'home'),
    reused,
  }
}

function isInstalled(cacheDir: string): boolean {
  const marker = path.join(cacheDir, MARKER_FILE)
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== expectedMarker()) return false
  const cli = describe(cacheDir, true)
  return existsSync(cli.entry) && existsSync(path.join(cli.codegenPluginDir, 'package.json'))
}

/**
 * Returns the cached CLI, installing it first when the marker is missing or records other pins.
 * The install goes to a staging directory that is renamed into place when complete, so an interrupted
 * or concurrent run never leaves a half-installed cache that looks valid.
 */
export async function ensureAmplifyCli(log: (line: string) => void): Promise<AmplifyCli> {
  const cacheDir = path.resolve(defaultCacheDir())
  if (isInstalled(cacheDir)) return describe(cacheDir, true)

  removeAbandonedStagings(cacheDir)
  const staging = `${cacheDir}.staging-${process.pid}`
  rmSync(staging, { recursive: true, force: true })
  unfinishedStaging = staging
  mkdirSync(staging, { recursive: true })
  writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(cachePackageJson, null, 2)}\n`)
  const logFile = path.join(staging, 'npm-install.log')
  log(`installing ${CLI_PACKAGE}@${CLI_VERSION} into ${cacheDir} (about 1.3 GB, 1-2 min the first time)`)

  const started = Date.now()
  const ticker = setInterval(() => {
    log(`  npm install still running (${Math.round((Date.now() - started) / 1000)} s)`)
  }, 15_000)
  try {
    const result = await runToCompletion('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: staging,
      env: npmEnv(),
      timeoutMs: INSTALL_TIMEOUT_MS,
      shell: process.platform === 'win32',
      onOutput: (chunk) => appendFileSync(logFile, chunk),
    })
    if (result.code !== 0) {
      throw new Error(
        `npm install in ${staging} failed (${result.timedOut ? 'timed out' : `exit ${result.code ?? result.signal}`}); ` +
          `full log: ${failedLogFile(cacheDir)}\n${outputTail(result.output, 30)}`,
      )
    }
  } catch (error) {
    // Keep the log (the staging directory is 1 GB of half an install) next to the cache.
    if (existsSync(logFile)) copyFileSync(logFile, failedLogFile(cacheDir))
    rmSync(staging, { recursive: true, force: true })
    throw error
  } finally {
    clearInterval(ticker)
  }
  unfinishedStaging = undefined
  log(`  npm install finished in ${Math.round((Date.now() - started) / 1000)} s`)

  verifyInstall(describe(staging, false))
  writeFileSync(path.join(staging, MARKER_FILE), expectedMarker())

  if (existsSync(cacheDir) && !isInstalled(cacheDir)) rmSync(cacheDir, { recursive: true, force: true })
  try {
    mkdirSync(path.dirname(cacheDir), { recursive: true })
    renameSync(staging, cacheDir)
  } catch (error) {
    // Another run finished first: use its install.
    rmSync(staging, { recursive: true, force: true })
    if (!isInstalled(cacheDir)) throw error
  } finally {
    unfinishedStaging = undefined
  }
  return describe(cacheDir, false)
}

/** npm must not inherit `npm run`'s npm_* settings, which point at the project (its prefix, its config). */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key)) env[key] = value
  }
  return env
}

/** Checks that the pins took effect; a silent second graphql copy breaks every CLI command later. */
function verifyInstall(cli: AmplifyCli) {
  const fromRoot = createRequire(path.join(cli.nodeModules, 'package.json'))
  const version = (request: string, requireFn: NodeJS.Require) =>
    (JSON.parse(readFileSync(requireFn.resolve(request), 'utf8')) as { version: string }).version
  const cliVersion = version(`${CLI_PACKAGE}/package.json`, fromRoot)
  if (cliVersion !== CLI_VERSION)
    throw new Error(`Installed ${CLI_PACKAGE}@${cliVersion}, expected ${CLI_VERSION}`)

  const fromCli = createRequire(fromRoot.resolve(`${CLI_PACKAGE}/package.json`))
  const categoryApi = version('@aws-amplify/amplify-category-api/package.json', fromCli)
  const pinned = cachePackageJson.overrides['@aws-amplify/amplify-category-api']
  if (categoryApi !== pinned) {
    throw new Error(
      `Installed @aws-amplify/amplify-category-api@${categoryApi}, expected the override ${pinned}`,
    )
  }

  const rootGraphql = fromRoot.resolve('graphql/package.json')
  const users = ['@aws-amplify/amplify-category-api', 'amplify-codegen', '@aws-amplify/amplify-cli-core']
  for (const user of users) {
    const userRequire = createRequire(fromCli.resolve(`${user}/package.json`))
    const resolved = userRequire.resolve('graphql/package.json')
    if (resolved !== rootGraphql) {
      throw new Error(
        `${user} loads its own graphql (${resolved}); the top-level graphql pin did not take effect`,
      )
    }
  }
}
