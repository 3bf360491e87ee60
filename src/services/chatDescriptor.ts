import type { ModelSortDirection } from '../API'
import type { ChatClient, MessageLike, Unsubscribable } from './chatFeeds'

// What one chat is, as data: its typed GraphQL calls, the auth mode of each kind of call, and what
// identifies a room. chatRooms.ts turns a descriptor into room sources; chats/ holds one per chat.

export type AuthMode = 'apiKey' | 'userPool'

/**
 * The client's `graphql` with the call's auth mode (and token) already chosen by the factory, so a
 * descriptor's calls name only their document and variables and keep the generated types.
 */
export type Graphql = ChatClient['graphql']

/** The paging arguments of a "messages of one room by createdAt" query, newest or oldest first. */
export interface PageVariables {
  sortDirection: ModelSortDirection
  limit: number
  nextToken: string | null
  createdAt?: { ge: string }
}

export type Connection = { items: (MessageLike | null)[]; nextToken?: string | null } | null | undefined

export interface FeedObserver {
  next(item: MessageLike | null | undefined): void
  error(error: unknown): void
}

/** One subscription of a room. */
export interface ChatFeed<Variables> {
  /** The generated subscription document; its root field recognises the start acknowledgement. */
  query: string
  deliver: 'onCreate' | 'onUpdate' | 'onDelete'
  open(graphql: Graphql, variables: Variables, observer: FeedObserver): Unsubscribable
}

export interface ChatAuth {
  /** Reads and subscriptions: one mode, or `viewer` (the API key signed out, user pools signed in). */
  read: AuthMode | 'viewer'
  /** Posts, edits and deletions. User-pool writes are refused before any call when signed out. */
  write: AuthMode
  /** Posts also carry the signed-in user's ID token (the server reads the author from its claims). */
  postWithIdToken?: boolean
}

/**
 * One chat. `Room` is what a page names a room by (nothing for a chat with a single room);
 * `Variables` are the arguments every one of the room's subscriptions takes.
 */
export interface ChatDescriptor<Room, Variables extends Record<string, unknown>> {
  /** The chat's name in source keys. */
  name: string
  auth: ChatAuth
  /** Why a signed-out viewer may not post (when writes need user pools). */
  signInToPost?: string
  /**
   * The `roomName` every message of the room carries; deliveries of other rooms are dropped (AppSync
   * and the local backend filter by the subscription's argument, the stock simulator does not). Null: a
   * chat with one room, nothing to filter.
   */
  roomName(room: Room): string | null
  subscriptionVariables(room: Room): Variables
  list(graphql: Graphql, room: Room, page: PageVariables): Promise<Connection>
  /**
   * Posts `message`; `nickname` is the sender's chosen name where the page has one (open and room chats,
   * sent as the unverified `authorName`), null elsewhere (the server names the author).
   */
  post(graphql: Graphql, room: Room, message: string, nickname: string | null): Promise<MessageLike>
  /** Present where owners may change their messages. */
  update?(graphql: Graphql, id: string, message: string): Promise<MessageLike>
  remove?(graphql: Graphql, id: string): Promise<unknown>
  feeds: ChatFeed<Variables>[]
}
