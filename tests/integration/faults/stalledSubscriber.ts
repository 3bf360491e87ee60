import WebSocket from 'ws'

/**
 * A real-time client that subscribes, then stops reading its socket, as a frozen tab or a stuck process
 * does: the server's frames pile up in the kernel and then in the server. `resume()` reads again and tells
 * whether the server dropped the connection meanwhile. Raw `ws`, because the support client has no pause.
 */
export class StalledSubscriber {
  private socket!: WebSocket
  private frames = 0
  private closeCode: number | undefined
  private readonly closeWaiters = new Set<() => void>()

  constructor(
    private readonly realtimeEndpoint: string,
    private readonly auth: Record<string, string>,
    private readonly host: string,
  ) {}

  /** Connects and starts `count` subscriptions of the same query (each event arrives `count` times). */
  async subscribe(query: string, variables: Record<string, unknown>, count: number): Promise<void> {
    const header = Buffer.from(JSON.stringify({ host: this.host, ...this.auth })).toString('base64')
    this.socket = new WebSocket(
      `${this.realtimeEndpoint}?header=${encodeURIComponent(header)}&payload=e30=`,
      'graphql-ws',
    )
    this.socket.on('close', (code) => {
      this.closeCode = code
      this.closeWaiters.forEach((wake) => wake())
    })
    this.socket.on('error', () => {})
    await new Promise<void>((resolve, reject) => {
      let acknowledged = 0
      this.socket.once('close', (code) => reject(new Error(`closed while subscribing (${code})`)))
      this.socket.on('open', () => this.socket.send(JSON.stringify({ type: 'connection_init' })))
      this.socket.on('message', (raw) => {
        this.frames++
        const message = JSON.parse(String(raw)) as { type: string; payload?: unknown }
        if (message.type === 'connection_ack') {
          for (let i = 0; i < count; i++) {
            this.socket.send(
              JSON.stringify({
                id: `stalled-${i}`,
                type: 'start',
                payload: {
                  data: JSON.stringify({ query, variables }),
                  extensions: { authorization: { host: this.host, ...this.auth } },
                },
              }),
            )
          }
        } else if (message.type === 'start_ack' && ++acknowledged === count) resolve()
        else if (message.type === 'error') reject(new Error(JSON.stringify(message.payload)))
      })
    })
  }

  /** Stops reading: the socket's data stays unread in the kernel, and the server can no longer send. */
  stall() {
    this.socket.pause()
  }

  /** Reads again; resolves with the frames received in all and the close code, once closed or after `readMs`. */
  resume(readMs: number): Promise<{ frames: number; closeCode: number | undefined }> {
    this.socket.resume()
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer)
        this.closeWaiters.delete(finish)
        resolve({ frames: this.frames, closeCode: this.closeCode })
      }
      const timer = setTimeout(finish, readMs)
      this.closeWaiters.add(finish)
      if (this.closeCode !== undefined) finish()
    })
  }

  close() {
    this.socket?.terminate()
  }
}
