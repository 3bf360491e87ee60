import path from 'node:path'
import { startChildGroup, type ChildProcessGroup } from '../../testkit/childProcessGroup'

export const BACKEND_READY_PREFIX = 'BENCH_BACKEND '
const READY_TIMEOUT_MS = 60_000
const STOP_GRACE_MS = 10_000

export interface BenchBackendEndpoints {
  graphqlEndpoint: string
  realtimeEndpoint: string
  apiKey: string
}

export interface BenchBackend extends BenchBackendEndpoints {
  stop(): Promise<void>
}

/**
 * Node flags for the backend process from BENCH_BACKEND_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=prof` to
 * profile it (NODE_OPTIONS refuses --cpu-prof).
 */
function extraNodeArgs(): string[] {
  return (process.env.BENCH_BACKEND_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)
}

/**
 * Starts a benchmark's backend script (relative to the project root) in its own process, so the clients
 * measuring it do not share its event loop, and waits for the line `<readyPrefix><JSON>` it prints when
 * ready. A line starting with `<label>: ` is its failure message.
 */
export async function startBackendProcess<Ready>(options: {
  projectRoot: string
  script: string
  stock: boolean
  readyPrefix: string
  label: string
  /** Node flags for the backend process, before BENCH_BACKEND_NODE_ARGS. */
  nodeArgs?: string[]
  /** Arguments for the script. */
  args?: string[]
}): Promise<{ ready: Ready; child: ChildProcessGroup; stop(): Promise<void> }> {
  const { projectRoot, label } = options
  const child = startChildGroup(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      ...extraNodeArgs(),
      '--import',
      'tsx',
      path.join(projectRoot, options.script),
      ...(options.stock ? ['--stock'] : []),
      ...(options.args ?? []),
    ],
    { cwd: projectRoot, stdin: 'pipe' },
  )
  const stop = async () => {
    const exit = await child.stop('SIGTERM', { graceMs: STOP_GRACE_MS })
    if (exit.forced || exit.leftProcesses) console.log(`  (the ${label} had to be killed)`)
  }
  try {
    const line = await child.waitFor(new RegExp(`^${options.readyPrefix}(.+)$`, 'm'), {
      timeoutMs: READY_TIMEOUT_MS,
      failure: new RegExp(`^${label}: .*`, 'm'),
    })
    return { ready: JSON.parse(line.match[1]) as Ready, child, stop }
  } catch (error) {
    await stop()
    throw new Error(
      `the ${label} did not start: ${(error as Error).message}\n${child.output().slice(-2000)}`,
      {
        cause: error,
      },
    )
  }
}

/** The local backend in its own process (./backendServer.ts), with or without the project's fixes. */
export async function startBenchBackend(
  projectRoot: string,
  options: { stock: boolean },
): Promise<BenchBackend> {
  const { ready, stop } = await startBackendProcess<BenchBackendEndpoints>({
    projectRoot,
    script: 'bench/lib/backendServer.ts',
    stock: options.stock,
    readyPrefix: BACKEND_READY_PREFIX,
    label: 'bench backend',
  })
  return { ...ready, stop }
}
