import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import type { GraphQLSchema } from 'graphql'
import { SigV4Error, verifySigV4Request } from '../cognito/verifySigV4Request'
import {
  runSubscription,
  simulatorAuthHelpers,
  type RealtimeServer,
  type SubscribeHandler,
} from './appSyncSimulatorAdapter'
import { iamIdentity, recordIamIdentity, type AppSyncIamIdentity, type IamCallerOptions } from './iamCallers'
import type { MessageStep, RealtimeMessage, UpgradeStep } from './requestPipeline'
import { connectionHeaders } from './verifiedAuthorization'

/**
 * IAM callers on the real-time WebSocket, as AppSync's protocol defines them
 * (https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html, "IAM"): the
 * connection's `header` carries a SigV4 signature of `POST <graphql endpoint>/connect` with the body `{}`, and
 * each `start`'s `extensions.authorization` a signature of `POST <graphql endpoint>` over the start's `data`
 * (the subscription's query and variables, as sent). Both are verified like IAM over HTTP (./iamCallers.ts):
 * the local credentials, service `appsync`, AWS's 5-minute window, and the signed `host` must be the one the
 * socket was opened to. A verified start runs with the caller's IAM identity (`$ctx.identity`), which the
 * simulator's own real-time server never passes on.
 */
export interface IamRealtime {
  verifyConnection: UpgradeStep
  verifyStart: MessageStep
  /** Whether a start's authorization was verified here (the JWT check then leaves it alone). */
  isVerifiedStart(message: RealtimeMessage): boolean
  /** The simulator's subscribe handler, with the IAM identity of a verified start in the context. */
  subscribeHandler(original: SubscribeHandler): SubscribeHandler
}

const CONNECT_PATH = '/graphql/connect'
const GRAPHQL_PATH = '/graphql'

type Headers = Record<string, unknown>

const unauthorized = (message: string) => ({ errors: [{ errorType: 'UnauthorizedException', message }] })

/** Header names lower-cased, as they would arrive over HTTP; only string values can have been signed. */
function asHttpHeaders(headers: Headers): IncomingHttpHeaders {
  const result: IncomingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') result[name.toLowerCase()] = value
  }
  return result
}

/** What of the simulator this reads at each use (a reload swaps both). */
export interface ServedApi {
  readonly schema: GraphQLSchema
  readonly appSyncConfig: unknown
}

export function iamRealtime(
  options: IamCallerOptions,
  simulator: ServedApi,
  realtime: Pick<RealtimeServer, 'sendError'>,
): IamRealtime {
  const { getAuthorizationMode, extractHeader } = simulatorAuthHelpers
  /** The mode the simulator would serve these headers in; a refusal is left to the step that refuses. */
  const isIam = (headers: Headers) => {
    try {
      return getAuthorizationMode(headers, simulator.appSyncConfig) === 'AWS_IAM'
    } catch {
      return false
    }
  }

  async function verify(headers: Headers, path: string, body: string, host: string | undefined) {
    const httpHeaders = asHttpHeaders(headers)
    if (!host || String(httpHeaders.host ?? '').toLowerCase() !== host.toLowerCase()) {
      throw new SigV4Error(
        'InvalidSignatureException',
        `The signed host header must be the host this connection was opened to (${host ?? 'none'}).`,
      )
    }
    await verifySigV4Request(
      { method: 'POST', url: path, headers: httpHeaders, body: Buffer.from(body) },
      { credentials: options.credentials, service: 'appsync', now: options.now },
    )
  }
  const reason = (error: unknown) =>
    error instanceof SigV4Error ? `${error.code}: ${error.message}` : String(error)

  // Verified starts waiting for their subscription to be set up, per connection and Authorization value
  // (the simulator parses the frame again, so the message object itself does not reach its handler).
  const pending = new WeakMap<IncomingMessage, Map<string, AppSyncIamIdentity[]>>()
  const pendingOf = (req: IncomingMessage) => {
    let map = pending.get(req)
    if (!map) pending.set(req, (map = new Map()))
    return map
  }
  const verifiedStarts = new WeakSet<RealtimeMessage>()

  return {
    verifyConnection: (req, socket, _head, next) => {
      const headers = connectionHeaders(req)
      if (!isIam(headers)) return next()
      verify(headers, CONNECT_PATH, '{}', req.headers.host).then(
        () => {
          recordIamIdentity(req, iamIdentity(options, req.socket.remoteAddress))
          next()
        },
        (error: unknown) => {
          const body = JSON.stringify(unauthorized(reason(error)))
          socket.end(
            `HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
          )
        },
      )
    },

    verifyStart: async (connection, message, next) => {
      const headers = (message.type === 'start' && message.payload?.extensions?.authorization) || {}
      if (!isIam(headers)) return next()
      const data = message.payload?.data
      try {
        if (typeof data !== 'string')
          throw new Error('A start must carry its data as the string that was signed.')
        await verify(headers, GRAPHQL_PATH, data, connection.request.headers.host)
      } catch (error) {
        realtime.sendError(connection, message.id ?? '', { ...unauthorized(reason(error)), data: null })
        return
      }
      verifiedStarts.add(message)
      const identity = iamIdentity(options, connection.request.socket.remoteAddress)
      const key = String(extractHeader(headers, 'Authorization'))
      const waiting = pendingOf(connection.request)
      waiting.set(key, [...(waiting.get(key) ?? []), identity])
      try {
        await next()
      } finally {
        // A start that failed before reaching the subscribe handler leaves nothing behind.
        const left = waiting.get(key)?.filter((i) => i !== identity) ?? []
        if (left.length > 0) waiting.set(key, left)
        else waiting.delete(key)
      }
    },

    isVerifiedStart: (message) => verifiedStarts.has(message),

    subscribeHandler: (original) => async (document, variables, headers, request) => {
      if (!isIam(headers ?? {})) return original(document, variables, headers, request)
      const key = String(extractHeader(headers ?? {}, 'Authorization'))
      const waiting = pending.get(request)?.get(key)
      const identity = waiting?.shift()
      if (!identity) return unauthorized('IAM callers need a signature made with the local credentials')
      // As the simulator's own onSubscribe (server/websocket-subscription.js), with the caller's identity.
      const context = {
        jwt: undefined,
        sourceIp: request.socket.remoteAddress,
        headers,
        requestAuthorizationMode: 'AWS_IAM',
        appsyncErrors: [],
        iamToken: identity,
      }
      const result = await runSubscription(simulator.schema, document, variables, undefined, context)
      return result.asyncIterator ?? (result as { errors: unknown[]; data?: unknown })
    },
  }
}
