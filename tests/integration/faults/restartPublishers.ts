import type { TestUser } from '../../../testkit/backend/cognitoUsers'
import { graphqlRequest, type LoadEndpoints } from '../../../testkit/load/loadGraphql'
import { roomOperations, type LoadRoom } from '../../../testkit/load/loadPlan'
import { createHeaders } from '../../../testkit/load/loadPublishers'

const mutationField = {
  open: 'createOpenChat',
  room: 'createRoomChat',
  closed: 'createCloseRoomChat',
} as const

/**
 * One publisher per room, each sending in turn, through a backend restart: `pause()` holds the next sends
 * (those on the way still go out and may fail when the backend stops under them), `resume()` lets them go
 * on against the restarted backend. The ids the server acknowledged are kept: each must survive.
 */
export class RestartPublishers {
  readonly acknowledged = new Map<number, string[]>()
  failures = 0
  private endpoints: LoadEndpoints
  private paused: Promise<void> | undefined
  private release: (() => void) | undefined

  constructor(
    endpoints: LoadEndpoints,
    private readonly rooms: LoadRoom[],
    private readonly user: TestUser,
  ) {
    this.endpoints = endpoints
    rooms.forEach((room) => this.acknowledged.set(room.index, []))
  }

  pause() {
    this.paused ??= new Promise((resolve) => (this.release = resolve))
  }

  /** Goes on against the restarted backend (same endpoints, new object). */
  resume(endpoints: LoadEndpoints) {
    this.endpoints = endpoints
    this.release?.()
    this.paused = undefined
  }

  /** Sends `count` messages to every room, each room's in turn; `label` tells the phases apart. */
  async publish(count: number, label: string, afterEach?: (sent: number) => Promise<void> | void) {
    let sent = 0
    await Promise.all(
      this.rooms.map(async (room) => {
        for (let seq = 0; seq < count; seq++) {
          await this.paused
          const operations = roomOperations[room.kind]
          try {
            const data = await graphqlRequest(
              this.endpoints.graphqlEndpoint,
              operations.mutation,
              { input: operations.mutationInput(room, `${label} ${seq}`) },
              createHeaders(this.endpoints, room, this.user),
            )
            this.acknowledged
              .get(room.index)!
              .push(String((data[mutationField[room.kind]] as { id: string }).id))
          } catch {
            // Whether the server stored it before going down is unknown: the final comparison with the
            // server's history decides.
            this.failures++
          }
          await afterEach?.(++sent)
        }
      }),
    )
  }
}
