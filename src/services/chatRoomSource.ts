import type { ChatMessage } from '../domain/chatMessage'

/** What a room's subscriptions report. */
export interface RoomEvents {
  onCreate(message: ChatMessage): void
  onUpdate(message: ChatMessage): void
  onDelete(message: Pick<ChatMessage, 'id'>): void
  /**
   * Every subscription of the room has been acknowledged by the server (start_ack). Fires again after
   * each reconnection, once the subscriptions are re-established.
   */
  onReady(): void
  onError(reason: string): void
}

export interface MessagePage {
  items: ChatMessage[]
  /** Token for the next, older, page; null at the beginning of the history. */
  nextToken: string | null
}

/**
 * One room of one chat, with the auth mode of each call already chosen. The composable that shows a
 * room only talks to this, so tests can hand it a fake.
 */
export interface ChatRoomSource {
  /** Identifies the room and auth mode, for logs and to tell two sources apart. */
  readonly key: string
  /** Opens the room's subscriptions; the returned function closes all of them. */
  subscribe(events: RoomEvents): () => void
  /** Newest first: the latest page, or the page older than `nextToken`. */
  fetchPage(options: { limit: number; nextToken?: string | null }): Promise<MessagePage>
  /** Every message created at or after `createdAt`, whatever their number. */
  fetchSince(createdAt: string): Promise<ChatMessage[]>
  /** Posts a message; resolves with the stored message or rejects with the server's reason. */
  send(text: string): Promise<ChatMessage>
  /** Present where owners may change their messages (closed chat). */
  update?(id: string, text: string): Promise<ChatMessage>
  remove?(id: string): Promise<void>
}
