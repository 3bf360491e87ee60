import { isLoopbackHost } from '../config/gen1Config'

/**
 * aws-amplify v6 always opens `wss://` for the real-time endpoint, even for an `http://` GraphQL
 * endpoint; the local backend serves plain `ws://`. This rewrites `wss://` to `ws://` for the local
 * backend's own host and port only, and only when that host is a loopback address.
 */
export function rewriteLoopbackUrl(url: string | URL, backend: URL): string | URL {
  let parsed: URL
  try {
    parsed = new URL(String(url))
  } catch {
    return url
  }
  if (
    parsed.protocol !== 'wss:' ||
    backend.protocol !== 'http:' ||
    !isLoopbackHost(parsed.hostname) ||
    parsed.host !== backend.host
  ) {
    return url
  }
  parsed.protocol = 'ws:'
  return parsed.toString()
}

const installedOn = new WeakSet<object>()

/** Replaces `target.WebSocket` with a subclass that applies rewriteLoopbackUrl. Idempotent. */
export function installLoopbackWebSocket(
  backendEndpoint: string,
  target: typeof globalThis = globalThis,
): void {
  const Native = target.WebSocket
  if (!Native || installedOn.has(target)) return
  installedOn.add(target)
  const backend = new URL(backendEndpoint)
  class LoopbackWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(rewriteLoopbackUrl(url, backend), protocols)
    }
  }
  target.WebSocket = LoopbackWebSocket
}
