import WebSocket from 'ws'

/**
 * Node 20 has no global WebSocket, which aws-amplify v6 needs for subscriptions. This gives it `ws`, with
 * the same loopback-only wss:// -> ws:// rewrite the app applies in local mode (v6 always opens wss://).
 */
export function installNodeWebSocket(): void {
  class LoopbackWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(String(url).replace(/^wss:\/\/(127\.0\.0\.1|localhost)([:/])/, 'ws://$1$2'), protocols)
    }
  }
  ;(globalThis as { WebSocket?: unknown }).WebSocket = LoopbackWebSocket
}
