import path from 'node:path'
import { startProcess } from './childProcesses'

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

/** The local backend in its own process (./backendServer.ts), with or without the project's fixes. */
export async function startBenchBackend(
  projectRoot: string,
  options: { stock: boolean },
): Promise<BenchBackend> {
  const entry = path.join(projectRoot, 'bench', 'lib', 'backendServer.ts')
  const child = startProcess(
    process.execPath,
    ['--import', 'tsx', entry, ...(options.stock ? ['--stock'] : [])],
    {
      cwd: projectRoot,
      keepStdinOpen: true,
    },
  )
  const stop = async () => {
    const exit = await child.stop('SIGTERM', { graceMs: STOP_GRACE_MS })
    if (exit.forced || exit.leftProcesses) console.log('  (the benchmark backend had to be killed)')
  }
  try {
    const ready = await child.waitFor(new RegExp(`^${BACKEND_READY_PREFIX}(.+)$`, 'm'), {
      timeoutMs: READY_TIMEOUT_MS,
      failure: /^bench backend: .*/m,
    })
    const endpoints = JSON.parse(ready.match[1]) as BenchBackendEndpoints
    return { ...endpoints, stop }
  } catch (error) {
    await stop()
    throw new Error(
      `the benchmark backend did not start: ${(error as Error).message}\n${child.output().slice(-2000)}`,
      { cause: error },
    )
  }
}
