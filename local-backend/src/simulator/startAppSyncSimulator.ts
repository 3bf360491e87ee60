import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AmplifyAppSyncSimulator, type AmplifyAppSyncSimulatorConfig } from './appSyncSimulatorModule'
import { listen } from '../net/listen'
import { startOneKeepAlivePerConnection, type KeepAliveScheduler } from './keepAliveTimers'
import { guardGraphqlRequests } from './graphqlRequestGuard'
import { answerQueriesAndMutations, type SimulatorState } from './queriesAndMutations'
import { renderTemplatesFaster } from './velocityRenderContext'
import { filterSubscriptionsLikeAppSync } from './filteredSubscriptions'
import { answerBadMessagesWithErrors, type RealtimeMessageHandlers } from './realtimeErrors'
import { disconnectSlowConsumers, type SubscriptionSender } from './slowConsumers'
import { acceptSubprotocolAuth, requireVerifiedTokens, type VerifyToken } from './verifiedAuthorization'

export interface LocalAppSync {
  /** The port it listens on (the one asked for, or the free one picked for 0). */
  port: number
  /** Swaps in a recompiled API; open connections stay, as after an AppSync schema update. */
  reload(config: AmplifyAppSyncSimulatorConfig): void
  stop(): Promise<void>
}

// The simulator keeps its HTTP server and real-time server private; these are the fields it has in 2.16.
interface SimulatorInternals {
  _server: {
    _httpServer: Server
    _realTimeSubscriptionServer: {
      start(): void
      stop(): Promise<void>
      realtimeServer: RealtimeMessageHandlers & {
        options: { onSubscribeHandler: (...args: unknown[]) => Promise<unknown> }
        webSocketServer: {
          on(event: 'error', listener: () => void): void
          clients: Set<{ terminate(): void }>
        }
      }
    }
  }
  mappingTemplates: Map<string, Parameters<typeof renderTemplatesFaster>[0]>
}

export interface AppSyncSimulatorOptions {
  host: string
  port: number
  config: AmplifyAppSyncSimulatorConfig
  verifyToken: VerifyToken
  /**
   * `false` serves the API with the stock simulator's behaviour (no subscription fixes, no token
   * verification), only so benchmarks and tests can show what the fixes change.
   */
  fixes?: boolean
}

/** The AppSync simulator on loopback with the project's fixes: filtered subscriptions, v6 auth, verified JWTs. */
export async function startAppSyncSimulator(options: AppSyncSimulatorOptions): Promise<LocalAppSync> {
  const fixes = options.fixes ?? true
  const simulator = new AmplifyAppSyncSimulator({ port: options.port })
  const internals = simulator as unknown as SimulatorInternals
  // One listener per subscriber on its field's event: more than ten subscribers is normal, not a leak.
  ;(simulator.pubsub as unknown as { ee: { setMaxListeners(n: number): void } }).ee.setMaxListeners(0)
  const load = (config: AmplifyAppSyncSimulatorConfig) => {
    simulator.reload(config)
    if (!fixes) return
    for (const template of internals.mappingTemplates.values()) renderTemplatesFaster(template)
    filterSubscriptionsLikeAppSync(simulator.schema, simulator.pubsub)
  }
  load(options.config)

  const httpServer = internals._server._httpServer
  const realtime = internals._server._realTimeSubscriptionServer
  // Its own start() checks the port and listens on every interface; listen on loopback ourselves instead.
  realtime.start()
  // ws re-emits the HTTP server's errors (a taken port); listen() reports those, so don't crash on them here.
  realtime.realtimeServer.webSocketServer.on('error', () => {})
  if (fixes) {
    acceptSubprotocolAuth(httpServer)
    answerQueriesAndMutations(httpServer, simulator as unknown as SimulatorState)
    requireVerifiedTokens(httpServer, options.verifyToken, realtime.realtimeServer)
    answerBadMessagesWithErrors(realtime.realtimeServer)
    startOneKeepAlivePerConnection(realtime.realtimeServer as unknown as KeepAliveScheduler)
    // Installed last, so it runs first: token checks and the simulator then see a parsed, sane body.
    guardGraphqlRequests(httpServer)
    disconnectSlowConsumers(realtime.realtimeServer as unknown as SubscriptionSender)
  }
  blockDataWipeEndpoint(httpServer)
  await listen(httpServer, { host: options.host, port: options.port, name: 'GraphQL API', option: '--port' })

  return {
    port: (httpServer.address() as AddressInfo).port,
    reload: load,
    async stop() {
      // The simulator's stop() forgets its sockets; end them, or close() waits for clients to leave.
      for (const socket of realtime.realtimeServer.webSocketServer.clients) socket.terminate()
      await realtime.stop()
      httpServer.closeAllConnections()
      await new Promise<void>((resolve) => httpServer.close(() => resolve()))
    },
  }
}

// The simulator answers DELETE /clear-data without any auth; nothing in this project needs it.
function blockDataWipeEndpoint(server: Server) {
  const listeners = server.listeners('request') as ((...args: unknown[]) => void)[]
  server.removeAllListeners('request')
  server.on('request', (req, res) => {
    if (req.method === 'DELETE' && req.url?.startsWith('/clear-data')) {
      res.writeHead(404).end()
      return
    }
    listeners.forEach((l) => l.call(server, req, res))
  })
}
