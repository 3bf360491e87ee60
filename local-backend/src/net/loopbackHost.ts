import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { BlockList, isIP } from 'node:net'
import type { Duplex } from 'node:stream'

const loopback = new BlockList()
loopback.addSubnet('127.0.0.0', 8, 'ipv4')
loopback.addAddress('::1', 'ipv6')
loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6')

/** The host name of a `Host` header (`name`, `name:port`, `[v6]` or `[v6]:port`), lower-cased. */
function hostName(host: string): string | undefined {
  if (host.startsWith('[')) {
    const end = host.indexOf(']')
    const rest = host.slice(end + 1)
    return end > 0 && (rest === '' || /^:\d+$/.test(rest)) ? host.slice(1, end).toLowerCase() : undefined
  }
  const [name, port, ...more] = host.split(':')
  if (more.length > 0 || (port !== undefined && !/^\d+$/.test(port))) return undefined
  return name.toLowerCase()
}

/**
 * Whether a request's `Host` header names this machine: `localhost` or a `*.localhost` name (which browsers
 * resolve to loopback themselves), an address in 127.0.0.0/8, or `::1`, with any port; or one of
 * `alsoAllowed` (the address the server was told to listen on). A DNS-rebinding page reaches a loopback port
 * under its own domain name, so its requests carry that name and are refused.
 */
export function isLoopbackHost(host: string | undefined, alsoAllowed: readonly string[] = []): boolean {
  if (!host) return false
  const name = hostName(host)
  if (!name) return false
  if (name === 'localhost' || name.endsWith('.localhost')) return true
  if (alsoAllowed.some((allowed) => allowed.toLowerCase().replace(/^\[|\]$/g, '') === name)) return true
  const family = isIP(name)
  return family !== 0 && loopback.check(name, family === 4 ? 'ipv4' : 'ipv6')
}

/** Addresses that a `--host` option may add: not the wildcards, which are no name a client would send. */
export const listenHostAllowance = (host: string | undefined): string[] =>
  host && host !== '0.0.0.0' && host !== '::' ? [host] : []

const refusal = (host: string | undefined) => {
  const message = `Host ${JSON.stringify(host ?? '')} is not this machine: the local backend answers only requests addressed to localhost, 127.0.0.1 or [::1].`
  // One body for both callers: aws-amplify reads `errors` from GraphQL and `__type`/`message` from Cognito.
  return JSON.stringify({
    __type: 'ForbiddenException',
    message,
    errors: [{ errorType: 'ForbiddenException', message }],
  })
}

/** Answers 403 and returns true when the request's Host is not loopback. */
export function refuseForeignHost(
  req: IncomingMessage,
  res: ServerResponse,
  alsoAllowed: readonly string[] = [],
): boolean {
  if (isLoopbackHost(req.headers.host, alsoAllowed)) return false
  res.writeHead(403, { 'content-type': 'application/json', connection: 'close' })
  res.end(refusal(req.headers.host))
  return true
}

/** The same for a WebSocket upgrade: the handshake is answered with 403 and the socket closed. */
export function refuseForeignHostUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  alsoAllowed: readonly string[] = [],
): boolean {
  if (isLoopbackHost(req.headers.host, alsoAllowed)) return false
  const body = refusal(req.headers.host)
  socket.end(
    `HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
  return true
}

/** A request listener that first refuses requests whose Host is not loopback (for servers without a pipeline). */
export function loopbackHostOnly(
  listener: RequestListener,
  alsoAllowed: readonly string[] = [],
): RequestListener {
  return (req, res) => {
    if (!refuseForeignHost(req, res, alsoAllowed)) listener(req, res)
  }
}
