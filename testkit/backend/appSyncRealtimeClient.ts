import WebSocket from 'ws'
import { randomUUID } from 'node:crypto'

/**
 * A minimal client of AppSync's real-time protocol (graphql-ws subprotocol, auth in the `header` query
 * parameter, connection_init -> connection_ack, start -> start_ack -> data). It speaks the form both AWS and the
 * stock simulator accept, so a test can run one scenario against both with and without the project's fixes.
 */
export interface RealtimeSubscription {
  id: string
  received: Record<string, unknown>[]
  /** Resolves once `count` items have arrived; rejects after `timeoutMs` (a guard, not a wait). */
  waitFor(count: number, timeoutMs?: number): Promise<Record<string, unknown>[]>
  stop(): void
}

export class AppSyncRealtimeClient {
  private socket!: WebSocket
  private readonly handlers = new Map<string, (message: RealtimeMessage) => void>()

  constructor(
    private readonly realtimeUrl: string,
    private readonly auth: Record<string, string>,
    private readonly host = 'localhost',
  ) {}

  async connect(): Promise<void> {
    const header = Buffer.from(JSON.stringify({ host: this.host, ...this.auth })).toString('base64')
    this.socket = new WebSocket(
      `${this.realtimeUrl}?header=${encodeURIComponent(header)}&payload=e30=`,
      'graphql-ws',
    )
    await new Promise<void>((resolve, reject) => {
      this.socket.once('error', reject)
      this.socket.once('close', (code) => reject(new Error(`WebSocket closed during connect (${code})`)))
      this.socket.once('open', () => {
        this.socket.send(JSON.stringify({ type: 'connection_init' }))
      })
      this.socket.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as RealtimeMessage
        if (message.type === 'connection_ack') {
          this.socket.removeAllListeners('close')
          this.socket.removeAllListeners('error')
          this.socket.on('error', () => {})
          resolve()
        } else if (message.id) this.handlers.get(message.id)?.(message)
      })
    })
  }

  /** Resolves once the server acknowledged the start; rejects with the server's error otherwise. */
  subscribe(
    query: string,
    variables: Record<string, unknown>,
    onData?: (item: Record<string, unknown>) => void,
  ): Promise<RealtimeSubscription> {
    const id = randomUUID()
    const received: Record<string, unknown>[] = []
    const waiters = new Set<() => void>()
    const waitFor = (count: number, timeoutMs = 60_000) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`Expected ${count} items, got ${received.length}`))
        }, timeoutMs)
        const check = () => {
          if (received.length < count) return
          clearTimeout(timer)
          waiters.delete(check)
          resolve(received)
        }
        waiters.add(check)
        check()
      })
    return new Promise((resolve, reject) => {
      this.handlers.set(id, (message) => {
        if (message.type === 'start_ack') resolve({ id, received, waitFor, stop: () => this.stop(id) })
        else if (message.type === 'error') reject(new Error(JSON.stringify(message.payload)))
        else if (message.type === 'data') {
          const data = (message.payload as { data: Record<string, Record<string, unknown>> }).data
          const item = Object.values(data)[0]
          received.push(item)
          onData?.(item)
          waiters.forEach((check) => check())
        }
      })
      this.socket.send(
        JSON.stringify({
          id,
          type: 'start',
          payload: {
            data: JSON.stringify({ query, variables }),
            extensions: { authorization: { host: this.host, ...this.auth } },
          },
        }),
      )
    })
  }

  /** Sends a frame as is and resolves with the next message the server sends that is not a keep-alive. */
  sendRaw(frame: string): Promise<RealtimeMessage> {
    return new Promise((resolve) => {
      const onMessage = (raw: unknown) => {
        const message = JSON.parse(String(raw)) as RealtimeMessage
        if (message.type === 'ka') return
        this.socket.off('message', onMessage)
        resolve(message)
      }
      this.socket.on('message', onMessage)
      this.socket.send(frame)
    })
  }

  stop(id: string): void {
    this.handlers.delete(id)
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ id, type: 'stop' }))
  }

  close(): void {
    this.socket?.terminate()
  }
}

export interface RealtimeMessage {
  type: string
  id?: string
  payload?: unknown
}
