import {
  AppSyncRealtimeClient,
  type RealtimeSubscription,
} from '../../../testkit/backend/appSyncRealtimeClient'
import { createRoomChat } from '../../../src/graphql/mutations'
import { onCreateRoomChatByRoomName } from '../../../src/graphql/subscriptions'
import { graphqlRequest } from '../../../testkit/load/loadGraphql'
import type { BackendEndpoints } from './backendProcess'

/**
 * Traffic that keeps a backend busy until it goes away: subscribers of a few rooms and publishers sending
 * room messages in turn, each stopping at its first failure (the backend went down) or after `maxPerPublisher`.
 * The ids the server acknowledged are kept.
 */
export class BackgroundLoad {
  readonly acknowledged: string[] = []
  private readonly clients: AppSyncRealtimeClient[] = []
  private readonly subscriptions: RealtimeSubscription[] = []
  private publishing: Promise<void> | undefined
  private readonly waiters = new Set<() => void>()

  constructor(
    private readonly backend: BackendEndpoints,
    readonly rooms: string[],
  ) {}

  async subscribe(perRoom: number) {
    for (const roomName of this.rooms) {
      for (let i = 0; i < perRoom; i++) {
        const client = new AppSyncRealtimeClient(this.backend.realtimeEndpoint, {
          'x-api-key': this.backend.apiKey,
        })
        this.clients.push(client)
        await client.connect()
        this.subscriptions.push(await client.subscribe(onCreateRoomChatByRoomName, { roomName }))
      }
    }
  }

  startPublishing(publishers: number, maxPerPublisher: number) {
    const publisher = async (p: number) => {
      for (let seq = 0; seq < maxPerPublisher; seq++) {
        const roomName = this.rooms[(p + seq) % this.rooms.length]
        try {
          const data = await graphqlRequest(
            this.backend.graphqlEndpoint,
            createRoomChat,
            { input: { roomName, message: `background ${p} ${seq}` } },
            { 'x-api-key': this.backend.apiKey },
          )
          this.acknowledged.push(String((data.createRoomChat as { id: string }).id))
          this.waiters.forEach((wake) => wake())
        } catch {
          return
        }
      }
    }
    this.publishing = Promise.all(Array.from({ length: publishers }, (_, p) => publisher(p))).then(() => {})
  }

  /**
   * Resolves once `count` creates were acknowledged and every subscriber got at least one message. A message
   * may arrive after the last acknowledgement (AppSync, and the backend, publish a mutation's response when
   * the mutation completes, not before it answers), so deliveries are awaited on their own.
   */
  async busy(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    await new Promise<void>((resolve, reject) => {
      const finish = (error?: Error) => {
        clearTimeout(timer)
        this.waiters.delete(check)
        if (error) reject(error)
        else resolve()
      }
      const check = () => {
        if (this.acknowledged.length >= count) finish()
      }
      const timer = setTimeout(
        () => finish(new Error(`only ${this.acknowledged.length} creates acknowledged in ${timeoutMs} ms`)),
        timeoutMs,
      )
      this.waiters.add(check)
      check()
    })
    await Promise.all(this.subscriptions.map((s) => s.waitFor(1, Math.max(1, deadline - Date.now()))))
  }

  /** Resolves once every publisher stopped. */
  finished(): Promise<void> {
    return this.publishing ?? Promise.resolve()
  }

  close() {
    this.clients.forEach((client) => client.close())
  }
}
