import type { ChatMessage } from '@/domain/chatMessage'
import type { ChatRoomSource, MessagePage, RoomEvents } from '@/services/chatRoomSource'
import { deferred } from './deferred'
import type { Deferred } from './deferred'

let clock = Date.UTC(2026, 0, 1, 12, 0, 0)
/** Messages with increasing createdAt, like the server's. */
export function message(id: string, text = `text of ${id}`, extra: Partial<ChatMessage> = {}): ChatMessage {
  clock += 1000
  return { id, message: text, createdAt: new Date(clock).toISOString(), ...extra }
}

/**
 * A room backed by an in-memory "server": what was created is returned by fetches; what the subscription
 * delivers is up to the test (`deliver`), as is the timing of fetches (`holdFetches`) and of sends.
 */
export class FakeRoomSource implements ChatRoomSource {
  readonly key: string
  readonly stored: ChatMessage[] = []
  events: RoomEvents | null = null
  subscribeCount = 0
  unsubscribeCount = 0
  fetchPageCalls: { limit: number; nextToken?: string | null }[] = []
  fetchSinceCalls: string[] = []
  sendCalls: string[] = []
  holdFetches = false
  private held: (() => void)[] = []
  /** When set, the next send waits on it: resolve with the stored message or reject with an error. */
  nextSend: Deferred<ChatMessage> | null = null
  failFetchWith: unknown = null
  /** Set by tests of rooms whose owners may edit and delete. */
  update?: (id: string, text: string) => Promise<ChatMessage>
  remove?: (id: string) => Promise<void>

  constructor(key = 'room1') {
    this.key = key
  }

  get isSubscribed(): boolean {
    return this.subscribeCount > this.unsubscribeCount
  }

  /** Stores a message on the "server" (it will appear in later fetches). */
  create(id: string, text?: string, extra: Partial<ChatMessage> = {}): ChatMessage {
    const created = message(id, text, { roomName: this.key, ...extra })
    this.stored.push(created)
    return created
  }

  /** Delivers through the subscription the room opened (as the server would, once established). */
  deliver(kind: 'onCreate' | 'onUpdate' | 'onDelete', item: ChatMessage, events = this.events): void {
    if (!events) throw new Error('not subscribed')
    events[kind](item)
  }

  subscribe(events: RoomEvents): () => void {
    this.subscribeCount++
    this.events = events
    return () => {
      this.unsubscribeCount++
    }
  }

  private async gate(): Promise<void> {
    if (this.failFetchWith) throw this.failFetchWith
    if (!this.holdFetches) return
    const wait = deferred<void>()
    this.held.push(() => wait.resolve())
    await wait.promise
  }

  /** Lets held fetches answer, from the store as it is now. */
  releaseFetches(): void {
    const held = this.held.splice(0)
    held.forEach((release) => release())
  }

  async fetchPage(options: { limit: number; nextToken?: string | null }): Promise<MessagePage> {
    this.fetchPageCalls.push(options)
    await this.gate()
    const newestFirst = [...this.stored].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
    const start = options.nextToken ? Number(options.nextToken) : 0
    const items = newestFirst.slice(start, start + options.limit)
    const next = start + options.limit
    return { items, nextToken: next < newestFirst.length ? String(next) : null }
  }

  async fetchSince(createdAt: string): Promise<ChatMessage[]> {
    this.fetchSinceCalls.push(createdAt)
    await this.gate()
    return this.stored.filter((m) => m.createdAt >= createdAt)
  }

  async send(text: string): Promise<ChatMessage> {
    this.sendCalls.push(text)
    if (this.nextSend) {
      const pending = this.nextSend
      this.nextSend = null
      const stored = await pending.promise
      this.stored.push(stored)
      return stored
    }
    return this.create(`sent-${this.sendCalls.length}`, text)
  }
}
