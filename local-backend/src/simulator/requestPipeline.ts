import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { refuseForeignHost, refuseForeignHostUpgrade } from '../net/loopbackHost'
import type { OpenedSimulator, RealtimeConnection } from './appSyncSimulatorAdapter'
import { rawBodyOf, readGraphqlBody } from './graphqlRequestGuard'
import { verifyIamRequests, type IamCallerOptions } from './iamCallers'
import { iamRealtime } from './iamRealtime'
import { answerQueriesAndMutations } from './queriesAndMutations'
import { onlyGraphqlRoutes } from './routes'
import {
  copySubprotocolAuth,
  verifyConnectionTokens,
  verifyRequestTokens,
  verifyStartTokens,
  type VerifyToken,
} from './verifiedAuthorization'
import { answerBadMessagesWithErrors } from './realtimeErrors'
import { startOneKeepAlivePerConnection } from './keepAliveTimers'
import { disconnectSlowConsumers } from './slowConsumers'
import { subscriptionIdRegistry } from './subscriptionIds'
import { enforceQueryLimits, type QueryLimits } from './queryLimits'

/** A step of HTTP request handling: answer the request, or call `next` to hand it on. */
export type HttpStep = (req: IncomingMessage, res: ServerResponse, next: () => void) => void
/** A step of a WebSocket upgrade: refuse it (write to the socket), or call `next`. */
export type UpgradeStep = (req: IncomingMessage, socket: Duplex, head: Buffer, next: () => void) => void
/** A real-time message, parsed. */
export interface RealtimeMessage {
  type?: unknown
  id?: string
  payload?: { data?: unknown; extensions?: { authorization?: Record<string, unknown> } }
}
/** A step of a real-time message: answer it, or await `next`, which resolves once later steps are done. */
export type MessageStep = (
  connection: RealtimeConnection,
  message: RealtimeMessage,
  next: () => Promise<void>,
) => Promise<void>

export interface PipelineOptions {
  /** Host names besides loopback that requests may be addressed to (the `--host` given). */
  allowedHosts: readonly string[]
  verifyToken: VerifyToken
  /** AppSync's queryDepthLimit and resolverCountLimit, as the project deploys them. */
  limits: QueryLimits
  /** `false`: the stock simulator's behaviour, for comparisons; only the security steps stay. */
  fixes: boolean
  /** IAM callers: requests SigV4-signed with these credentials are accepted as this role (./iamCallers.ts). */
  iam?: IamCallerOptions
}

const loopbackOnly =
  (allowedHosts: readonly string[]): HttpStep =>
  (req, res, next) => {
    if (!refuseForeignHost(req, res, allowedHosts)) next()
  }
const loopbackOnlyUpgrade =
  (allowedHosts: readonly string[]): UpgradeStep =>
  (req, socket, _head, next) => {
    if (!refuseForeignHostUpgrade(req, socket, allowedHosts)) next()
  }

/**
 * The order in which the local backend handles everything that reaches the GraphQL port. Each list runs
 * top to bottom; a step either answers or hands on, and what is left at the end goes to the simulator.
 * This is the one place the order lives.
 */
export function installRequestPipeline(simulator: OpenedSimulator, options: PipelineOptions): void {
  const { allowedHosts, verifyToken, limits, fixes, iam } = options
  const stock = simulator.takeListeners()
  const { realtime } = simulator

  const httpSteps: HttpStep[] = [
    loopbackOnly(allowedHosts), // DNS rebinding: a page under another name is refused before anything runs
    onlyGraphqlRoutes, // no data wipe, no /api-config, no console files; path matched as express does
    ...(fixes
      ? [
          readGraphqlBody, // size, JSON, GraphQL syntax, argument nesting: AppSync's errors, parsed once
          ...(iam ? [verifyIamRequests(iam, rawBodyOf)] : []), // SigV4 (service appsync) with the local credentials
          verifyRequestTokens(verifyToken), // every Authorization (without an API key) is verified
          enforceQueryLimits(limits, simulator), // AppSync's queryDepthLimit and resolverCountLimit
          answerQueriesAndMutations(simulator), // queries and mutations answered without express
        ]
      : []),
  ]
  const iamOnRealtime = fixes && iam ? iamRealtime(iam, simulator, realtime) : undefined
  const upgradeSteps: UpgradeStep[] = [
    loopbackOnlyUpgrade(allowedHosts),
    ...(fixes
      ? [
          copySubprotocolAuth, // aws-amplify v6 sends its auth as a subprotocol; the simulator reads the query
          ...(iamOnRealtime ? [iamOnRealtime.verifyConnection] : []), // SigV4 of POST /graphql/connect, body {}
          verifyConnectionTokens(verifyToken),
        ]
      : []),
  ]
  const ids = subscriptionIdRegistry(realtime)
  const messageSteps: MessageStep[] = fixes
    ? [
        answerBadMessagesWithErrors(realtime), // a failing message gets an `error`, never ends the process
        ids.oneSubscriptionPerId, // a second start with an id in use: DuplicatedOperationError
        ...(iamOnRealtime ? [iamOnRealtime.verifyStart] : []), // SigV4 over the start's data
        verifyStartTokens(verifyToken, realtime, iamOnRealtime?.isVerifiedStart), // each start's own authorization
      ]
    : []

  simulator.httpServer.on('request', (req: IncomingMessage, res: ServerResponse) =>
    runSteps(
      httpSteps,
      (step, next) => step(req, res, next),
      () => stock.request(req, res),
    ),
  )
  simulator.httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    runSteps(
      upgradeSteps,
      (step, next) => step(req, socket, head, next),
      () => stock.upgrade(req, socket, head),
    ),
  )
  if (!fixes) return

  // Real-time messages: the frame is parsed once here; the simulator's own dispatch runs last.
  const onMessage = realtime.onMessage.bind(realtime)
  realtime.onMessage = (connection, raw) => {
    let message: RealtimeMessage
    try {
      message = JSON.parse(String(raw)) as RealtimeMessage
    } catch {
      realtime.sendError(connection, '', {
        errors: [{ errorType: 'BadRequestException', message: 'The message is not valid JSON.' }],
      })
      return
    }
    const run = (index: number): Promise<void> =>
      index < messageSteps.length
        ? messageSteps[index](connection, message, () => run(index + 1))
        : Promise.resolve(onMessage(connection, raw)).then(() => undefined)
    void run(0)
  }
  // What the simulator's real-time server does for every subscription and connection, corrected.
  realtime.onSubscriptionStart = ids.startSubscription // a start that ends after its close or stop is undone
  if (iamOnRealtime) {
    // IAM subscribers get their identity in $ctx.identity (the simulator's handler passes none).
    realtime.options.onSubscribeHandler = iamOnRealtime.subscribeHandler(realtime.options.onSubscribeHandler)
  }
  startOneKeepAlivePerConnection(realtime) // the simulator starts two keep-alive timers and leaks one
  disconnectSlowConsumers(realtime) // a client that stops reading is cut off instead of buffered forever
}

function runSteps<S>(steps: readonly S[], call: (step: S, next: () => void) => void, last: () => void): void {
  const run = (index: number) => (index < steps.length ? call(steps[index], () => run(index + 1)) : last())
  run(0)
}
