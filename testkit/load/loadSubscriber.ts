import { AppSyncRealtimeClient } from '../backend/appSyncRealtimeClient'
import type { TestUser } from '../backend/cognitoUsers'
import type { TimelineEntry } from '../../src/domain/chatMessage'
import { mergeMessages } from '../../src/domain/timeline'
import { historyPage, toChatMessage, type LoadEndpoints } from './loadGraphql'
import { roomKey, roomOperations, type LoadRoom, type ReaderAuth } from './loadPlan'
import { nowMs } from './loadText'
import type { LoadTracker, TrackedSubscriber } from './loadTracker'

/** The page the app loads first (useChatRoom's default page size). */
export const HISTORY_PAGE_SIZE = 50

/** The text of the last message a run sends to a room: once a subscriber has it, nothing earlier is in flight. */
export function fenceText(runId: string, room: LoadRoom): string {
  return `fence ${runId} ${room.index}`
}

export function authHeaders(
  endpoints: LoadEndpoints,
  auth: ReaderAuth,
  user?: TestUser,
): Record<string, string> {
  if (auth === 'apiKey') return { 'x-api-key': endpoints.apiKey }
  if (!user) throw new Error('a signed-in reader needs a user')
  return { Authorization: user.accessToken }
}

/**
 * One reader of one room on its own WebSocket (a browser tab), over the raw AppSync real-time protocol so
 * the stock simulator can serve it too. It keeps its timeline the way the app's useChatRoom does: subscribe,
 * fetch the latest page once the start is acknowledged, and merge both with the app's own mergeMessages
 * (src/domain/timeline.ts), dropping other rooms' items as the app's chatApi does.
 */
export class LoadSubscriber {
  readonly tracked: TrackedSubscriber
  timeline: readonly TimelineEntry[] = []
  private client: AppSyncRealtimeClient | undefined
  private fenceReceived = false
  private readonly fenceWaiters = new Set<() => void>()

  constructor(
    readonly id: number,
    readonly room: LoadRoom,
    readonly auth: ReaderAuth,
    private readonly endpoints: LoadEndpoints,
    private readonly tracker: LoadTracker,
    private readonly fence: string,
    private readonly user?: TestUser,
  ) {
    this.tracked = { id, roomKey: roomKey(room.kind, room.name) }
    tracker.addSubscriber(this.tracked)
  }

  async connect(): Promise<void> {
    const operations = roomOperations[this.room.kind]
    const headers = authHeaders(this.endpoints, this.auth, this.user)
    this.client = new AppSyncRealtimeClient(
      this.endpoints.realtimeEndpoint,
      headers,
      new URL(this.endpoints.graphqlEndpoint).host,
    )
    await this.client.connect()
    await this.client.subscribe(
      operations.subscription,
      operations.subscriptionVariables(this.room),
      (item) => this.receive(item),
    )
    // As the app: the history is read only once the subscription is live, so nothing falls in between.
    const page = await historyPage(
      this.endpoints.graphqlEndpoint,
      operations.history,
      operations.historyField,
      { ...operations.historyVariables(this.room), sortDirection: 'DESC', limit: HISTORY_PAGE_SIZE },
      headers,
    )
    this.timeline = mergeMessages(this.timeline, page.items)
  }

  private receive(item: Record<string, unknown>) {
    const receivedAt = nowMs()
    const itemRoom = roomKey(this.room.kind, roomOperations[this.room.kind].itemRoom(item))
    if (itemRoom === this.tracked.roomKey && item.message === this.fence) {
      this.fenceReceived = true
      this.fenceWaiters.forEach((wake) => wake())
    } else if (!this.tracker.deliver(this.tracked, item, itemRoom, receivedAt)) return
    this.timeline = mergeMessages(this.timeline, [toChatMessage(item)])
  }

  /** Resolves once this room's fence message arrived; false after `timeoutMs`. */
  waitForFence(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (arrived: boolean) => {
        clearTimeout(timer)
        this.fenceWaiters.delete(check)
        resolve(arrived)
      }
      const check = () => {
        if (this.fenceReceived) finish(true)
      }
      const timer = setTimeout(() => finish(false), timeoutMs)
      this.fenceWaiters.add(check)
      check()
    })
  }

  close() {
    this.client?.close()
  }
}
