import type { IncomingMessage } from 'node:http'
import type { RealtimeServer } from './appSyncSimulatorAdapter'
import { iamIdentityOf } from './iamCallers'
import type { HttpStep, MessageStep, RealtimeMessage, UpgradeStep } from './requestPipeline'

/** Verifies a user-pool JWT (signature, expiry, issuer, client); rejects with a message AppSync would give. */
export type VerifyToken = (token: string) => Promise<unknown>

type Headers = Record<string, unknown>
const header = (headers: Headers, name: string): string | undefined => {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name)
  const value = key ? headers[key] : undefined
  return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0]) : undefined
}

/**
 * The Authorization value to verify: every one, of any shape, unless an API key is sent (then the key is what
 * counts, as in AppSync and the simulator). The simulator decodes whatever it gets (its JWT decoder reads
 * the second dot-separated part of anything), so a value left unverified because it did not look like a
 * JWT (`x.<claims>`, four parts) would be taken as that identity.
 */
export function userPoolToken(headers: Headers): string | undefined {
  if (header(headers, 'x-api-key')) return undefined
  return header(headers, 'authorization') || undefined
}

const unauthorized = (message: string) => ({ errors: [{ errorType: 'UnauthorizedException', message }] })

/**
 * The stock simulator only decodes user-pool tokens; AppSync verifies them. These steps verify them over HTTP,
 * at the WebSocket upgrade and at each subscription start, before the simulator sees the request.
 */
export const verifyRequestTokens =
  (verify: VerifyToken): HttpStep =>
  (req, res, next) => {
    const token = userPoolToken(req.headers)
    // A SigV4 signature already verified by verifyIamRequests is not a token.
    if (!token || iamIdentityOf(req)) return next()
    verify(token).then(next, (error: Error) => {
      res.writeHead(401, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
      res.end(JSON.stringify(unauthorized(error.message)))
    })
  }

export const verifyConnectionTokens =
  (verify: VerifyToken): UpgradeStep =>
  (req, socket, _head, next) => {
    const token = userPoolToken(connectionHeaders(req))
    // A SigV4 signature already verified by ./iamRealtime.ts is not a token.
    if (!token || iamIdentityOf(req)) return next()
    verify(token).then(next, (error: Error) => {
      const body = JSON.stringify(unauthorized(error.message))
      socket.end(
        `HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      )
    })
  }

export const verifyStartTokens =
  (
    verify: VerifyToken,
    realtime: Pick<RealtimeServer, 'sendError'>,
    verifiedElsewhere: (message: RealtimeMessage) => boolean = () => false,
  ): MessageStep =>
  async (connection, message, next) => {
    const token =
      message.type === 'start' && !verifiedElsewhere(message)
        ? userPoolToken(message.payload?.extensions?.authorization ?? {})
        : undefined
    if (token) {
      try {
        await verify(token)
      } catch (error) {
        realtime.sendError(connection, message.id ?? '', {
          ...unauthorized((error as Error).message),
          data: null,
        })
        return
      }
    }
    await next()
  }

/**
 * Auth headers of a real-time connection: the `header` query parameter (AppSync's documented form, used by
 * aws-amplify v5 and the simulator) or the `header-<base64url JSON>` subprotocol that aws-amplify v6 sends.
 */
export function connectionHeaders(req: IncomingMessage): Headers {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const fromQuery = url.searchParams.get('header')
  if (fromQuery) return parseJson(Buffer.from(fromQuery, 'base64').toString('utf8'))
  const protocol = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith('header-'))
  return protocol
    ? parseJson(Buffer.from(protocol.slice('header-'.length), 'base64url').toString('utf8'))
    : {}
}

const parseJson = (text: string): Headers => {
  try {
    return JSON.parse(text) as Headers
  } catch {
    return {}
  }
}

/**
 * Lets aws-amplify v6 connect (amplify-category-api #2221): the simulator reads auth only from the `header`
 * query parameter, so copy v6's subprotocol auth there before the simulator's upgrade handler runs.
 */
export const copySubprotocolAuth: UpgradeStep = (req, _socket, _head, next) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const headers = url.searchParams.has('header') ? {} : connectionHeaders(req)
  if (Object.keys(headers).length > 0) {
    url.searchParams.set('header', Buffer.from(JSON.stringify(headers)).toString('base64'))
    url.searchParams.set('payload', 'e30=')
    req.url = `${url.pathname}${url.search}`
  }
  next()
}
