/**
 * Everything the local backend takes from @aws-amplify/amplify-appsync-simulator that the package does not
 * promise: its private fields (`_server._httpServer`, `_realTimeSubscriptionServer`, `mappingTemplates`, the
 * pub/sub's `ee`), the methods of its real-time server, and modules under `lib/` (`lib/velocity/...`,
 * `lib/utils/...`). Other files import these from here, typed, and never reach into the package themselves.
 *
 * They were read from version 2.16.20. A newer simulator may rename any of them without notice, so the backend
 * refuses to start on a version it was not written for (`SUPPORTED_SIMULATOR_VERSIONS`): add a version there
 * only after `npm run test:integration` passes with it.
 */
import { readFileSync } from 'node:fs'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Duplex } from 'node:stream'
import type { PubSub } from 'graphql-subscriptions'
import type { DocumentNode, GraphQLSchema } from 'graphql'
import type * as Simulator from '@aws-amplify/amplify-appsync-simulator'
import type { AmplifyAppSyncSimulatorConfig } from '@aws-amplify/amplify-appsync-simulator'

export type { AmplifyAppSyncSimulatorConfig } from '@aws-amplify/amplify-appsync-simulator'

const PACKAGE = '@aws-amplify/amplify-appsync-simulator'
export const SUPPORTED_SIMULATOR_VERSIONS: readonly string[] = ['2.16.20']

const require = createRequire(import.meta.url)
const simulatorRequire = createRequire(require.resolve(PACKAGE))

/** The installed simulator's version, from its own package.json. */
export function installedSimulatorVersion(): string {
  // The package's exports do not list package.json; find it next to its entry point.
  let dir = path.dirname(require.resolve(PACKAGE))
  for (;;) {
    try {
      const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string
        version?: string
      }
      if (json.name === PACKAGE) return json.version ?? 'unknown'
    } catch {
      // not here; look in the parent folder
    }
    const parent = path.dirname(dir)
    if (parent === dir) return 'unknown'
    dir = parent
  }
}

/** Throws a one-paragraph error when `version` is not one this adapter was written for. */
export function assertSupportedSimulatorVersion(version: string = installedSimulatorVersion()): void {
  if (SUPPORTED_SIMULATOR_VERSIONS.includes(version)) return
  throw new Error(
    `${PACKAGE} ${version} is installed, but the local backend was written for ` +
      `${SUPPORTED_SIMULATOR_VERSIONS.join(', ')}: it relies on the simulator's private internals ` +
      `(local-backend/src/simulator/appSyncSimulatorAdapter.ts lists them). Install ` +
      `${PACKAGE}@${SUPPORTED_SIMULATOR_VERSIONS.at(-1)} (npm ci), or check each internal against the new ` +
      `version and add it to SUPPORTED_SIMULATOR_VERSIONS.`,
  )
}

/**
 * Loads the simulator with `@aws-amplify/amplify-cli-core` deferred: the simulator needs it only to build
 * errors in its OpenSearch and Lambda data sources, which this API has none of, yet loading it takes about a
 * third of a second of the backend's start-up. The real module loads on first use.
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
const simulatorPackage = simulatorRequire(PACKAGE) as typeof Simulator
const internal = <T>(modulePath: string): T => simulatorRequire(`${PACKAGE}/${modulePath}`) as T

/** The simulator's own copy of graphql, so schemas and documents cross without "another realm" errors. */
export const simulatorGraphql = simulatorRequire('graphql') as typeof import('graphql')

/** `lib/utils/auth-helpers`: how the simulator picks a request's auth mode and reads its JWT. */
export const simulatorAuthHelpers = internal<{
  getAuthorizationMode(headers: unknown, appSyncConfig: unknown): string
  extractHeader(headers: unknown, name: string): string | undefined
  extractJwtToken(authorization: string): Record<string, unknown> | undefined
}>('lib/utils/auth-helpers')

/** `lib/utils/graphql-runner/subscriptions`: how the simulator's real-time server starts a subscription. */
export const { runSubscription } = internal<{
  runSubscription(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: unknown,
    operationName: string | undefined,
    context: unknown,
  ): Promise<{ asyncIterator?: SubscribeResult; errors?: unknown[]; data?: unknown }>
}>('lib/utils/graphql-runner/subscriptions')

/** `lib/utils/expose-graphql-errors`: the error shape the simulator answers with. */
export const { exposeGraphQLErrors } = internal<{ exposeGraphQLErrors(errors: unknown[]): unknown[] }>(
  'lib/utils/expose-graphql-errors',
)

/** `lib/velocity/util` and `lib/velocity/util/info`: `$util` and `$ctx.info` as the simulator builds them. */
export const velocityUtil = {
  ...internal<{
    create(errors: unknown[], now: Date, info: unknown, context: unknown): Record<string, unknown>
  }>('lib/velocity/util'),
  ...internal<{
    createInfo(info: unknown): { selectionSetList: string[]; selectionSetGraphQL: string }
  }>('lib/velocity/util/info'),
}

/** `lib/velocity/util/errors`: the error `$util.unauthorized()` throws (a GraphQL error of type Unauthorized). */
export const { Unauthorized: SimulatorUnauthorized } = internal<{
  Unauthorized: new (message: string, info: unknown) => Error
}>('lib/velocity/util/errors')

type Mapper = (value: unknown, hint?: string) => unknown
type JavaValueClass = new (value: unknown) => object
/** `lib/velocity/value-mapper/*`: the Java-like classes templates see, and the stock mapper. */
export const velocityValueClasses = {
  ...internal<{
    JavaMap: new (obj: object, mapper: Mapper) => { map: Map<string, unknown> }
    createMapProxy<T>(map: T): T
  }>('lib/velocity/value-mapper/map'),
  ...internal<{ JavaArray: new (items: unknown[], mapper: Mapper) => unknown[] }>(
    'lib/velocity/value-mapper/array',
  ),
  ...internal<{ JavaString: JavaValueClass }>('lib/velocity/value-mapper/string'),
  ...internal<{ JavaInteger: JavaValueClass }>('lib/velocity/value-mapper/integer'),
  ...internal<{ JavaDecimal: JavaValueClass }>('lib/velocity/value-mapper/decimal'),
  stockMapper: internal<{ map: Mapper }>('lib/velocity/value-mapper/mapper').map,
}

/**
 * A list turned into the simulator's JavaArray in place (what its constructor would copy): the class keeps
 * its mapper on each instance.
 */
export function makeJavaArray(list: unknown[], mapper: Mapper): unknown[] {
  Object.setPrototypeOf(list, velocityValueClasses.JavaArray.prototype)
  ;(list as unknown[] & { mapper: Mapper }).mapper = mapper
  return list
}

/**
 * How the simulator's Velocity engine (`amplify-velocity-template`, the exact version the simulator pins,
 * `src/compile/references.js`) evaluates `$base.method(args)`: a method of the value itself, or one it
 * emulates for Java's (`put`, `add`, `keySet`, `size`, ...), whatever the value's type.
 */
export type VelocityMethodCall = (
  this: unknown,
  property: { id: string; args?: unknown[] },
  baseRef: unknown,
  ast: unknown,
) => unknown

/** A mapping template as `velocity/index.js` builds it (what renderTemplatesFaster replaces). */
export interface RenderableTemplate {
  simulatorContext: { appSyncConfig: { defaultAuthenticationType: { authenticationType: string } } }
  compiler: { config: { valueMapper: Mapper }; getPropMethod: VelocityMethodCall }
  buildRenderContext(ctxValues: unknown, requestContext: unknown, info: unknown): unknown
}

/** A template made with the package's public `VelocityTemplate` class, seen with its private fields. */
export const asRenderable = (template: Simulator.VelocityTemplate): RenderableTemplate =>
  template as unknown as RenderableTemplate

/** A real-time connection as the simulator's WebsocketSubscriptionServer keeps it. */
export interface RealtimeConnection {
  request: IncomingMessage
  socket: { readyState: number; bufferedAmount: number; terminate(): void }
  subscriptions: Map<string, RealtimeSubscription>
  pingIntervalHandle?: NodeJS.Timeout | null
}
export interface RealtimeSubscription {
  id: string
  asyncIterator: AsyncIterator<unknown> & { return(): Promise<unknown> }
  document: DocumentNode
  variables: unknown
}
/** What `options.onSubscribeHandler` resolves with: an iterator, or errors. */
export type SubscribeResult =
  | (AsyncIterator<unknown> & { return(): Promise<unknown>; errors?: undefined })
  | { errors: unknown[]; data?: unknown }
export type SubscribeHandler = (
  document: DocumentNode,
  variables: unknown,
  headers: Record<string, unknown> | undefined,
  request: IncomingMessage,
) => Promise<SubscribeResult>

/** The methods of the simulator's real-time server (its `lib/server/subscription/websocket-server/server.js`). */
export interface RealtimeServer {
  options: { onSubscribeHandler: SubscribeHandler }
  onMessage(connection: RealtimeConnection, raw: unknown): unknown
  onConnectionInit(connection: RealtimeConnection): void
  onSubscriptionStart(connection: RealtimeConnection, message: unknown): Promise<unknown>
  onUnsubscribe(connection: RealtimeConnection, message: { id: string }): Promise<unknown>
  attachAsyncIterator(connection: RealtimeConnection, subscription: RealtimeSubscription): Promise<void>
  sendMessage(connection: RealtimeConnection, id: string | undefined, type: string, payload: unknown): void
  sendError(connection: RealtimeConnection, id: string, payload: unknown): void
  setupPing(connection: RealtimeConnection): void
  webSocketServer: {
    on(event: 'error', listener: () => void): void
    clients: Set<{ terminate(): void }>
    /** ws's options; `maxPayload` is read for each new connection. */
    options: { maxPayload: number }
  }
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void
export type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void

interface SimulatorInternals {
  _server: {
    _httpServer: Server
    _realTimeSubscriptionServer: { start(): void; stop(): Promise<void>; realtimeServer: RealtimeServer }
  }
  mappingTemplates: Map<string, unknown>
  pubsub: PubSub & { ee: NodeJS.EventEmitter }
}

/** The simulator, opened up: its public API plus the internals the backend builds on. */
export interface OpenedSimulator {
  reload(config: AmplifyAppSyncSimulatorConfig): void
  readonly schema: GraphQLSchema
  readonly pubsub: PubSub
  readonly appSyncConfig: unknown
  /** Its HTTP server (not listening yet). */
  httpServer: Server
  /** Its real-time server, attached to `httpServer`. */
  realtime: RealtimeServer
  /** Removes the simulator's own `request` and `upgrade` listeners and returns them, to run last. */
  takeListeners(): { request: RequestListener; upgrade: UpgradeListener }
  /** Its mapping templates, after the last reload. */
  mappingTemplates(): Iterable<RenderableTemplate>
  /** Whether the served API has a resolver on this field (from the configuration, a public getter). */
  hasResolver(typeName: string, fieldName: string): boolean
  /** Subscriptions the pub/sub still feeds (one listener each). */
  subscriptionCount(): number
  startRealtime(): void
  stopRealtime(): Promise<void>
}

export function openSimulator(options: { port: number }): OpenedSimulator {
  assertSupportedSimulatorVersion()
  const simulator = new simulatorPackage.AmplifyAppSyncSimulator({ port: options.port })
  const internals = simulator as unknown as SimulatorInternals
  const httpServer = internals._server._httpServer
  const realtimeServer = internals._server._realTimeSubscriptionServer
  // One listener per subscriber on its field's event: more than ten subscribers is normal, not a leak.
  internals.pubsub.ee.setMaxListeners(0)
  const all = <T>(event: string) => {
    const listeners = httpServer.listeners(event) as ((...args: unknown[]) => void)[]
    httpServer.removeAllListeners(event)
    return ((...args: unknown[]) => listeners.forEach((l) => l.apply(httpServer, args))) as T
  }
  const resolverFields = new WeakMap<object, Set<string>>()
  return {
    reload: (config) => simulator.reload(config),
    hasResolver: (typeName, fieldName) => {
      const config = simulator.config
      let fields = resolverFields.get(config)
      if (!fields) {
        fields = new Set((config.resolvers ?? []).map((r) => `${r.typeName}.${r.fieldName}`))
        resolverFields.set(config, fields)
      }
      return fields.has(`${typeName}.${fieldName}`)
    },
    get schema() {
      return simulator.schema
    },
    get pubsub() {
      return simulator.pubsub
    },
    get appSyncConfig() {
      return simulator.appSyncConfig
    },
    httpServer,
    realtime: realtimeServer.realtimeServer,
    takeListeners: () => ({
      request: all<RequestListener>('request'),
      upgrade: all<UpgradeListener>('upgrade'),
    }),
    mappingTemplates: () => internals.mappingTemplates.values() as Iterable<RenderableTemplate>,
    subscriptionCount: () =>
      internals.pubsub.ee
        .eventNames()
        .reduce((sum, name) => sum + internals.pubsub.ee.listenerCount(name), 0),
    // Its start() would only attach the connection handler (the HTTP server is ours to listen).
    startRealtime: () => realtimeServer.start(),
    stopRealtime: () => realtimeServer.stop(),
  }
}
