import type { Client } from 'aws-amplify/api'
import type { ChatMessage } from '../domain/chatMessage'
import type { MessagePage, RoomEvents } from './chatRoomSource'
import { errorMessage } from './errorMessage'
import type { RealtimeEvents } from './realtimeEvents'

// What every chat's room sources share (chatRooms.ts builds them from a descriptor): the client they
// call, message conversion, paging, and opening a room's subscriptions.

export type ChatClient = Pick<Client, 'graphql'>

export interface ChatApiDependencies {
  client: ChatClient
  realtime: RealtimeEvents
  /** The signed-in user's ID token (closed-chat posts). */
  idToken: () => Promise<string>
  /**
   * Resolves when user-pool calls can carry the signed-in user's token (the Cognito providers are set
   * up after the first paint); every `userPool` call waits for it. Absent: always ready.
   */
  userPoolReady?: () => Promise<void>
}

/** Page size when catching up; the loop follows nextToken until the end. */
export const CATCH_UP_PAGE = 100

export type MessageLike = {
  id: string
  message: string
  createdAt: string
  updatedAt?: string | null
  roomName?: string | null
  authorName?: string | null
  owner?: string | null
}

/** Keeps only the fields the UI uses (drops __typename and anything added later). */
export function toChatMessage(item: MessageLike): ChatMessage {
  const message: ChatMessage = { id: item.id, message: item.message, createdAt: item.createdAt }
  if (item.updatedAt !== undefined) message.updatedAt = item.updatedAt
  if (item.roomName !== undefined) message.roomName = item.roomName
  if (item.authorName !== undefined) message.authorName = item.authorName
  if (item.owner !== undefined) message.owner = item.owner
  return message
}

export function toPage(
  connection: { items: (MessageLike | null)[]; nextToken?: string | null } | null | undefined,
): MessagePage {
  return {
    items: (connection?.items ?? []).filter((i): i is MessageLike => i !== null).map(toChatMessage),
    nextToken: connection?.nextToken ?? null,
  }
}

/** Reads every page of a `ge createdAt` query, oldest first. */
export async function readAll(
  fetch: (nextToken: string | null) => Promise<MessagePage>,
): Promise<ChatMessage[]> {
  const all: ChatMessage[] = []
  let token: string | null = null
  do {
    const page: MessagePage = await fetch(token)
    all.push(...page.items)
    token = page.nextToken
  } while (token !== null)
  return all
}

export type Unsubscribable = { unsubscribe(): void }

/** Opens a subscription once `ready` resolves; closing it before then means it never opens. */
export function openWhenReady(
  ready: Promise<void>,
  open: () => Unsubscribable,
  fail: (error: unknown) => void,
): Unsubscribable {
  let closed = false
  let subscription: Unsubscribable | null = null
  ready.then(() => {
    if (!closed) subscription = open()
  }, fail)
  return {
    unsubscribe() {
      closed = true
      subscription?.unsubscribe()
    },
  }
}

export interface Feed {
  /** Root field and variables, to recognise this subscription's start acknowledgement. */
  field: string
  variables: Record<string, unknown>
  open(next: (item: MessageLike | null | undefined) => void, fail: (error: unknown) => void): Unsubscribable
  deliver: 'onCreate' | 'onUpdate' | 'onDelete'
}

function sameVariables(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const key of keys) if (a[key] !== b[key]) return false
  return true
}

/**
 * Opens the feeds of one room and reports it ready when every one of them has been acknowledged,
 * again after each reconnection. `roomName` drops items of other rooms: AppSync and the local backend
 * filter by the subscription's argument, but the stock `amplify mock` simulator does not.
 */
export function openFeeds(
  realtime: RealtimeEvents,
  feeds: Feed[],
  events: RoomEvents,
  roomName: string | null,
): () => void {
  let acknowledged = new Set<number>()
  const offAck = realtime.onSubscriptionAck((ack) => {
    feeds.forEach((feed, index) => {
      if (feed.field === ack.field && sameVariables(feed.variables, ack.variables)) acknowledged.add(index)
    })
    if (acknowledged.size === feeds.length) {
      acknowledged = new Set()
      events.onReady()
    }
  })
  // Only a disruption starts the count again: aws-amplify then starts every subscription anew and each is
  // acknowledged again. It also reports Connecting whenever another subscription starts on the shared
  // socket (the announcements bell, another chat), without acknowledging this room's again: counting
  // from zero then would leave the room waiting for acknowledgements that never come.
  const offLink = realtime.onLinkState((state) => {
    if (state === 'disrupted') acknowledged = new Set()
  })
  const subscriptions = feeds.map((feed) =>
    feed.open(
      (item) => {
        if (!item) return
        if (roomName !== null && item.roomName !== roomName) return
        const message = toChatMessage(item)
        events[feed.deliver](message)
      },
      (error) => events.onError(errorMessage(error)),
    ),
  )
  return () => {
    offAck()
    offLink()
    subscriptions.forEach((s) => s.unsubscribe())
  }
}
