import type { LocalBackend } from '../../../local-backend/src/startLocalBackend'
import { AppSyncRealtimeClient } from '../../../testkit/backend/appSyncRealtimeClient'
import { postGraphql } from '../../../testkit/backend/testBackend'
import { createRoomChat } from '../../../src/graphql/mutations'
import { onCreateRoomChatByRoomName } from '../../../src/graphql/subscriptions'
import { nowMs } from '../../../testkit/load/loadText'
import { percentile } from '../../../testkit/load/runLoad'

/** A message's text: its send time first, so a receiver can tell its latency; padding makes it heavy. */
const timedText = (seq: number, padding: number) => `${nowMs().toFixed(3)} ${seq} ${'x'.repeat(padding)}`

/**
 * Readers of one room, each on its own WebSocket, recording the latency of every message: the "others"
 * whose service a misbehaving client must not degrade.
 */
export class SteadyReaders {
  readonly latencies: number[] = []
  readonly clients: AppSyncRealtimeClient[] = []
  readonly subscriptions: { waitFor(count: number, timeoutMs?: number): Promise<unknown[]> }[] = []

  constructor(
    private readonly backend: LocalBackend,
    readonly roomName: string,
  ) {}

  async connect(count: number) {
    for (let i = 0; i < count; i++) {
      const client = new AppSyncRealtimeClient(this.backend.realtimeEndpoint, {
        'x-api-key': this.backend.apiKey,
      })
      this.clients.push(client)
      await client.connect()
      this.subscriptions.push(
        await client.subscribe(onCreateRoomChatByRoomName, { roomName: this.roomName }, (item) => {
          this.latencies.push(nowMs() - Number.parseFloat(String(item.message)))
        }),
      )
    }
  }

  /** Resolves once every reader has `count` messages; rejects after `timeoutMs`. */
  async waitForAll(count: number, timeoutMs: number) {
    await Promise.all(this.subscriptions.map((s) => s.waitFor(count, timeoutMs)))
  }

  p50 = () => percentile(this.latencies, 50)
  p99 = () => percentile(this.latencies, 99)

  close() {
    this.clients.forEach((client) => client.close())
  }
}

/** Creates `count` messages in the room one after the other; `before(seq)` runs before each. */
export async function publishInTurn(
  backend: LocalBackend,
  roomName: string,
  count: number,
  options: { padding: number; before?: (seq: number) => Promise<void> | void },
) {
  for (let seq = 0; seq < count; seq++) {
    await options.before?.(seq)
    const { json } = await postGraphql(
      backend.graphqlEndpoint,
      { query: createRoomChat, variables: { input: { roomName, message: timedText(seq, options.padding) } } },
      { 'x-api-key': backend.apiKey },
    )
    if (json.errors?.length) throw new Error(`create ${seq} failed: ${json.errors[0].message}`)
  }
}
