import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { AmplifyCli } from './cliCache'
import { outputTail, runToCompletion, type CommandResult } from '../../testkit/childProcessGroup'

const CLI_TIMEOUT_MS = 3 * 60 * 1000

/**
 * The environment of every CLI run: a HOME inside the cache (plugin registry, logs and the CLI's own
 * copied binaries stay out of the developer's ~/.amplify), no AWS credentials or profile (nothing here
 * may reach AWS), CI mode (never prompt), no usage data.
 */
export function amplifyEnv(cli: AmplifyCli): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|AWS_|AMPLIFY_)/i.test(key)) continue
    env[key] = value
  }
  return {
    ...env,
    HOME: cli.homeDir,
    USERPROFILE: cli.homeDir,
    CI: 'true',
    AMPLIFY_CLI_ENABLE_USAGE_DATA: 'false',
    NO_UPDATE_NOTIFIER: '1',
    FORCE_COLOR: '0',
  }
}

export function runAmplify(
  cli: AmplifyCli,
  args: string[],
  cwd: string,
  options: { timeoutMs?: number } = {},
): Promise<CommandResult> {
  mkdirSync(cli.homeDir, { recursive: true })
  return runToCompletion(process.execPath, [cli.entry, ...args], {
    cwd,
    env: amplifyEnv(cli),
    timeoutMs: options.timeoutMs ?? CLI_TIMEOUT_MS,
  })
}

interface PluginsFile {
  plugins?: Record<string, { packageLocation?: string }[]>
}

function codegenPluginRegistered(cli: AmplifyCli): boolean {
  const file = path.join(cli.homeDir, '.amplify', 'plugins.json')
  if (!existsSync(file)) return false
  try {
    const registry = JSON.parse(readFileSync(file, 'utf8')) as PluginsFile
    return (registry.plugins?.codegen ?? []).some(
      (plugin) => plugin.packageLocation && path.resolve(plugin.packageLocation) === cli.codegenPluginDir,
    )
  } catch {
    return false
  }
}

/**
 * `amplify codegen` silently prints help and exits 0 unless amplify-codegen is registered, so the
 * registration is checked in the registry file, not trusted from the command's exit code.
 * Returns the command result when it had to register, undefined when it already was.
 */
export async function ensureCodegenPlugin(cli: AmplifyCli): Promise<CommandResult | undefined> {
  if (codegenPluginRegistered(cli)) return undefined
  // Run outside any Amplify project so the project's own files cannot make the registration fail.
  const result = await runAmplify(cli, ['plugin', 'add', cli.codegenPluginDir], cli.homeDir)
  if (!codegenPluginRegistered(cli)) {
    throw new Error(
      `amplify plugin add ${cli.codegenPluginDir} did not register the plugin in ${cli.homeDir}/.amplify/plugins.json ` +
        `(exit ${result.code}):\n${cleanCliOutput(result.output)}`,
    )
  }
  return result
}

/** The CLI draws spinners and colours even in CI mode; strip them so its messages read as text. */
export function cleanCliOutput(output: string): string {
  return (
    output
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
      .replace(/\r(?!\n)/g, '\n')
      .split('\n')
      .map((line) => line.trimEnd())
      .filter((line, index, lines) => line !== '' || (index > 0 && lines[index - 1] !== ''))
      .join('\n')
      .trim()
  )
}

export function describeExit(result: CommandResult): string {
  if (result.timedOut) return 'timed out'
  return result.code === null ? `ended by ${result.signal}` : `exit ${result.code}`
}

/** The end of a CLI run's output, cleaned, as lines for a failure report. */
export function outputExcerpt(result: CommandResult, lines = 40): string[] {
  return outputTail(cleanCliOutput(result.output), lines).split('\n')
}
