import { createRequire } from 'node:module'
import type * as Simulator from '@aws-amplify/amplify-appsync-simulator'

const require = createRequire(import.meta.url)
const simulatorRequire = createRequire(require.resolve('@aws-amplify/amplify-appsync-simulator'))

/**
 * Loads the AppSync simulator with `@aws-amplify/amplify-cli-core` deferred: the simulator needs it only to
 * build errors in its OpenSearch and Lambda data sources, which this API has none of, yet loading it takes
 * about a third of a second of the backend's start-up. The real module loads on first use.
 */
function deferAmplifyCliCore() {
  const corePath = simulatorRequire.resolve('@aws-amplify/amplify-cli-core')
  if (require.cache[corePath]) return
  let real: Record<string | symbol, unknown> | undefined
  const load = () => {
    if (!real) {
      delete require.cache[corePath]
      real = simulatorRequire(corePath) as Record<string | symbol, unknown>
    }
    return real
  }
  // Interop helpers ask for __esModule while importing; answer that without loading the module.
  const lazy = new Proxy(
    {},
    {
      get: (_target, key) => (key === '__esModule' ? true : load()[key]),
      has: (_target, key) => key === '__esModule' || key in load(),
    },
  )
  require.cache[corePath] = { id: corePath, filename: corePath, loaded: true, exports: lazy } as NodeJS.Module
}

deferAmplifyCliCore()
const simulator = simulatorRequire('@aws-amplify/amplify-appsync-simulator') as typeof Simulator

export const { AmplifyAppSyncSimulator } = simulator

/** A package as the simulator resolves it (its own copy of `graphql`, say), so values cross without realm trouble. */
export function simulatorDependency<T>(name: string): T {
  return simulatorRequire(name) as T
}

/** One of the simulator's own modules, e.g. `lib/velocity/value-mapper/map`, loaded as the simulator loads it. */
export function simulatorModule<T>(modulePath: string): T {
  return simulatorRequire(`@aws-amplify/amplify-appsync-simulator/${modulePath}`) as T
}
export type { AmplifyAppSyncSimulatorConfig } from '@aws-amplify/amplify-appsync-simulator'
