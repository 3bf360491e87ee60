import type { AddressInfo } from 'node:net'
import { listen } from '../net/listen'
import { listenHostAllowance } from '../net/loopbackHost'
import { openSimulator, type AmplifyAppSyncSimulatorConfig } from './appSyncSimulatorAdapter'
import type { IamCallerOptions } from './iamCallers'
import { installRequestPipeline } from './requestPipeline'
import { MAX_BODY_BYTES } from './graphqlRequestGuard'
import { renderTemplatesFaster } from './velocityRenderContext'
import { callMethodsAsAppSync } from './velocityMethodCalls'
import { filterSubscriptionsLikeAppSync } from './filteredSubscriptions'
import { deferMutationPublications, readSubscriptionFieldsFromPayload } from './subscriptionPayloads'
import type { VerifyToken } from './verifiedAuthorization'
import type { QueryLimits } from './queryLimits'

export interface LocalAppSync {
  /** The port it listens on (the one asked for, or the free one picked for 0). */
  port: number
  /** Swaps in a recompiled API; open connections stay, as after an AppSync schema update. */
  reload(config: AmplifyAppSyncSimulatorConfig): void
  /** Subscriptions the server still feeds, over all connections (for tests and diagnostics). */
  subscriptionCount(): number
  stop(): Promise<void>
}

export interface AppSyncSimulatorOptions {
  host: string
  port: number
  config: AmplifyAppSyncSimulatorConfig
  verifyToken: VerifyToken
  limits: QueryLimits
  /** Accept IAM callers signed with these credentials (./iamCallers.ts). */
  iam?: IamCallerOptions
  /**
   * `false` serves the API with the stock simulator's behaviour (no subscription fixes, no token
   * verification), only so benchmarks and tests can show what the fixes change. The security steps (loopback
   * Host, GraphQL routes only) apply either way.
   */
  fixes?: boolean
}

/** The AppSync simulator on loopback with the project's fixes: filtered subscriptions, v6 auth, verified JWTs. */
export async function startAppSyncSimulator(options: AppSyncSimulatorOptions): Promise<LocalAppSync> {
  const fixes = options.fixes ?? true
  const simulator = openSimulator({ port: options.port })
  const load = (config: AmplifyAppSyncSimulatorConfig) => {
    simulator.reload(config)
    if (!fixes) return
    for (const template of simulator.mappingTemplates()) {
      renderTemplatesFaster(template)
      callMethodsAsAppSync(template)
    }
    filterSubscriptionsLikeAppSync(simulator.schema, simulator.pubsub)
    deferMutationPublications(simulator.schema, simulator.pubsub)
    readSubscriptionFieldsFromPayload(simulator.schema)
  }
  load(options.config)

  const { httpServer, realtime } = simulator
  // The simulator's own start() checks the port and listens on every interface; listen on loopback ourselves.
  simulator.startRealtime()
  // ws re-emits the HTTP server's errors (a taken port); listen() reports those, so don't crash on them here.
  realtime.webSocketServer.on('error', () => {})
  // ws accepts 100 MiB frames by default; a real-time message gets the same 10 MB ceiling as a request body.
  if (fixes) realtime.webSocketServer.options.maxPayload = MAX_BODY_BYTES
  installRequestPipeline(simulator, {
    allowedHosts: listenHostAllowance(options.host),
    verifyToken: options.verifyToken,
    limits: options.limits,
    fixes,
    iam: options.iam,
  })
  await listen(httpServer, { host: options.host, port: options.port, name: 'GraphQL API', option: '--port' })

  return {
    port: (httpServer.address() as AddressInfo).port,
    reload: load,
    subscriptionCount: () => simulator.subscriptionCount(),
    async stop() {
      // The simulator's stop() forgets its sockets; end them, or close() waits for clients to leave.
      for (const socket of realtime.webSocketServer.clients) socket.terminate()
      await simulator.stopRealtime()
      httpServer.closeAllConnections()
      await new Promise<void>((resolve) => httpServer.close(() => resolve()))
    },
  }
}
