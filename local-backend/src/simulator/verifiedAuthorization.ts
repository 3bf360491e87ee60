import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'

/** Verifies a user-pool JWT (signature, expiry, issuer, client); rejects with a message AppSync would give. */
export type VerifyToken = (token: string) => Promise<unknown>

type Headers = Record<string, unknown>
const header = (headers: Headers, name: string): string | undefined => {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name)
  const value = key ? headers[key] : undefined
  return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0]) : undefined
}

/** The token to verify, when the request uses user-pool auth (an API key, when present, is what counts). */
export function userPoolToken(headers: Headers): string | undefined {
  if (header(headers, 'x-api-key')) return undefined
  const authorization = header(headers, 'authorization')
  return authorization && authorization.split('.').length === 3 ? authorization : undefined
}

const unauthorizedBody = (message: string) =>
  JSON.stringify({ errors: [{ errorType: 'UnauthorizedException', message }] })

/**
 * The stock simulator only decodes user-pool tokens; AppSync verifies them. This puts verification in front
 * of the simulator's HTTP handler, WebSocket upgrade and subscription start, keeping its own handlers.
 */
export function requireVerifiedTokens(
  server: Server,
  verify: VerifyToken,
  subscriptionServer: { options: { onSubscribeHandler: (...args: unknown[]) => Promise<unknown> } },
): void {
  const requestListeners = server.listeners('request') as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[]
  server.removeAllListeners('request')
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const token = req.method === 'POST' ? userPoolToken(req.headers) : undefined
    if (!token) return requestListeners.forEach((l) => l.call(server, req, res))
    verify(token).then(
      () => requestListeners.forEach((l) => l.call(server, req, res)),
      (error: Error) => {
        res.writeHead(401, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
        res.end(unauthorizedBody(error.message))
      },
    )
  })

  const upgradeListeners = server.listeners('upgrade') as ((
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ) => void)[]
  server.removeAllListeners('upgrade')
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const token = userPoolToken(connectionHeaders(req))
    const proceed = () => upgradeListeners.forEach((l) => l.call(server, req, socket, head))
    if (!token) return proceed()
    verify(token).then(proceed, (error: Error) => {
      const body = unauthorizedBody(error.message)
      socket.end(
        `HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      )
    })
  })

  const onSubscribe = subscriptionServer.options.onSubscribeHandler
  subscriptionServer.options.onSubscribeHandler = async (doc, variables, headers, ...rest) => {
    const token = userPoolToken((headers ?? {}) as Headers)
    if (token) {
      try {
        await verify(token)
      } catch (error) {
        return {
          errors: [{ errorType: 'UnauthorizedException', message: (error as Error).message }],
          data: null,
        }
      }
    }
    return onSubscribe(doc, variables, headers, ...rest)
  }
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
export function acceptSubprotocolAuth(server: Server): void {
  server.prependListener('upgrade', (req: IncomingMessage) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.searchParams.has('header')) return
    const headers = connectionHeaders(req)
    if (Object.keys(headers).length === 0) return
    url.searchParams.set('header', Buffer.from(JSON.stringify(headers)).toString('base64'))
    url.searchParams.set('payload', 'e30=')
    req.url = `${url.pathname}${url.search}`
  })
}
