/** A message as the server returns it, whichever chat it belongs to. */
export interface ChatMessage {
  id: string
  message: string
  createdAt: string
  updatedAt?: string | null
  roomName?: string | null
  /** Closed chat only: set by the server from the poster's ID token (`email` claim). */
  authorName?: string | null
  /** Closed chat only: the owner's username; compared with the signed-in user to allow edit/delete. */
  owner?: string | null
}

/** Where a message stands from this browser's point of view. */
export type DeliveryState = 'pending' | 'sent' | 'failed'

/** One row of a timeline: a server message ('sent') or one of ours not yet accepted by the server. */
export interface TimelineEntry extends ChatMessage {
  delivery: DeliveryState
  /** The server's reason when delivery failed. */
  error?: string
}

export function asSent(message: ChatMessage): TimelineEntry {
  return { ...message, delivery: 'sent' }
}
