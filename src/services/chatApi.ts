import { generateClient } from 'aws-amplify/api'
import type { Client } from 'aws-amplify/api'
import { ModelSortDirection } from '../API'
import {
  createCloseRoomChat,
  createOpenChat,
  createRoomChat,
  deleteCloseRoomChat,
  updateCloseRoomChat,
} from '../graphql/mutations'
import { closeRoomChatsByRoomName, openChatsByChannel, roomChatsByRoomName } from '../graphql/queries'
import {
  onCreateCloseRoomChatByRoomName,
  onCreateOpenChat,
  onCreateRoomChatByRoomName,
  onDeleteCloseRoomChatByRoomName,
  onUpdateCloseRoomChatByRoomName,
} from '../graphql/subscriptions'
import type { ChatMessage } from '../domain/chatMessage'
import type { ChatRoomSource, MessagePage, RoomEvents } from './chatRoomSource'
import { errorMessage } from './errorMessage'
import { amplifyRealtimeEvents, subscriptionField } from './realtimeEvents'
import type { RealtimeEvents } from './realtimeEvents'
import { idToken as currentIdToken } from './authSession'

export type ChatClient = Pick<Client, 'graphql'>

export interface ChatApiDependencies {
  client: ChatClient
  realtime: RealtimeEvents
  /** The signed-in user's ID token (closed-chat posts). */
  idToken: () => Promise<string>
}

/** The open chat's single partition: every OpenChat has channel "open". */
export const OPEN_CHANNEL = 'open'
/** Page size when catching up; the loop follows nextToken until the end. */
const CATCH_UP_PAGE = 100

type MessageLike = {
  id: string
  message: string
  createdAt: string
  updatedAt?: string | null
  roomName?: string | null
  authorName?: string | null
  owner?: string | null
}

/** Keeps only the fields the UI uses (drops __typename and anything added later). */
function toChatMessage(item: MessageLike): ChatMessage {
  const message: ChatMessage = { id: item.id, message: item.message, createdAt: item.createdAt }
  if (item.updatedAt !== undefined) message.updatedAt = item.updatedAt
  if (item.roomName !== undefined) message.roomName = item.roomName
  if (item.authorName !== undefined) message.authorName = item.authorName
  if (item.owner !== undefined) message.owner = item.owner
  return message
}

function toPage(
  connection: { items: (MessageLike | null)[]; nextToken?: string | null } | null | undefined,
): MessagePage {
  return {
    items: (connection?.items ?? []).filter((i): i is MessageLike => i !== null).map(toChatMessage),
    nextToken: connection?.nextToken ?? null,
  }
}

/** Reads every page of a `ge createdAt` query, oldest first. */
async function readAll(fetch: (nextToken: string | null) => Promise<MessagePage>): Promise<ChatMessage[]> {
  const all: ChatMessage[] = []
  let token: string | null = null
  do {
    const page: MessagePage = await fetch(token)
    all.push(...page.items)
    token = page.nextToken
  } while (token !== null)
  return all
}

interface Feed {
  /** Root field and variables, to recognise this subscription's start acknowledgement. */
  field: string
  variables: Record<string, unknown>
  open(
    next: (item: MessageLike | null | undefined) => void,
    fail: (error: unknown) => void,
  ): { unsubscribe(): void }
  deliver: 'onCreate' | 'onUpdate' | 'onDelete'
}

function sameVariables(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const key of keys) if (a[key] !== b[key]) return false
  return true
}

/**
 * Opens the feeds of one room and reports it ready when every one of them has been acknowledged,
 * again after each reconnection. `roomName` drops items of other rooms, which the local simulator
 * delivers because it ignores subscription arguments.
 */
function openFeeds(
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
  const offLink = realtime.onLinkState((state) => {
    if (state !== 'connected') acknowledged = new Set()
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

/** One function per GraphQL operation, each with its auth mode, and the room sources built from them. */
export function createChatApi({ client, realtime, idToken }: ChatApiDependencies) {
  // --- Open chat: API key for everything.
  async function listOpenChats(limit: number, nextToken: string | null = null): Promise<MessagePage> {
    const { data } = await client.graphql({
      query: openChatsByChannel,
      variables: { channel: OPEN_CHANNEL, sortDirection: ModelSortDirection.DESC, limit, nextToken },
      authMode: 'apiKey',
    })
    return toPage(data.openChatsByChannel)
  }
  function listOpenChatsSince(since: string): Promise<ChatMessage[]> {
    return readAll(async (nextToken) => {
      const { data } = await client.graphql({
        query: openChatsByChannel,
        variables: {
          channel: OPEN_CHANNEL,
          createdAt: { ge: since },
          sortDirection: ModelSortDirection.ASC,
          limit: CATCH_UP_PAGE,
          nextToken,
        },
        authMode: 'apiKey',
      })
      return toPage(data.openChatsByChannel)
    })
  }
  async function postOpenChat(message: string): Promise<ChatMessage> {
    const { data } = await client.graphql({
      query: createOpenChat,
      variables: { input: { message } },
      authMode: 'apiKey',
    })
    return toChatMessage(data.createOpenChat)
  }
  function openChatCreated(): Feed {
    return {
      field: subscriptionField(onCreateOpenChat) ?? '',
      variables: {},
      deliver: 'onCreate',
      open: (next, fail) =>
        client
          .graphql({ query: onCreateOpenChat, authMode: 'apiKey' })
          .subscribe({ next: ({ data }) => next(data.onCreateOpenChat), error: fail }),
    }
  }

  // --- Room chat: API key for everything.
  async function listRoomChats(
    roomName: string,
    limit: number,
    nextToken: string | null = null,
  ): Promise<MessagePage> {
    const { data } = await client.graphql({
      query: roomChatsByRoomName,
      variables: { roomName, sortDirection: ModelSortDirection.DESC, limit, nextToken },
      authMode: 'apiKey',
    })
    return toPage(data.roomChatsByRoomName)
  }
  function listRoomChatsSince(roomName: string, since: string): Promise<ChatMessage[]> {
    return readAll(async (nextToken) => {
      const { data } = await client.graphql({
        query: roomChatsByRoomName,
        variables: {
          roomName,
          createdAt: { ge: since },
          sortDirection: ModelSortDirection.ASC,
          limit: CATCH_UP_PAGE,
          nextToken,
        },
        authMode: 'apiKey',
      })
      return toPage(data.roomChatsByRoomName)
    })
  }
  async function postRoomChat(roomName: string, message: string): Promise<ChatMessage> {
    const { data } = await client.graphql({
      query: createRoomChat,
      variables: { input: { roomName, message } },
      authMode: 'apiKey',
    })
    return toChatMessage(data.createRoomChat)
  }
  function roomChatCreated(roomName: string): Feed {
    return {
      field: subscriptionField(onCreateRoomChatByRoomName) ?? '',
      variables: { roomName },
      deliver: 'onCreate',
      open: (next, fail) =>
        client
          .graphql({ query: onCreateRoomChatByRoomName, variables: { roomName }, authMode: 'apiKey' })
          .subscribe({ next: ({ data }) => next(data.onCreateRoomChatByRoomName), error: fail }),
    }
  }

  // --- Closed chat: reads with the API key when signed out, user pools when signed in; writes with
  // user pools, creation with the ID token so the server can read the author's email.
  const readMode = (signedIn: boolean) => (signedIn ? ('userPool' as const) : ('apiKey' as const))

  async function listClosedChats(
    roomName: string,
    signedIn: boolean,
    limit: number,
    nextToken: string | null = null,
  ): Promise<MessagePage> {
    const { data } = await client.graphql({
      query: closeRoomChatsByRoomName,
      variables: { roomName, sortDirection: ModelSortDirection.DESC, limit, nextToken },
      authMode: readMode(signedIn),
    })
    return toPage(data.closeRoomChatsByRoomName)
  }
  function listClosedChatsSince(roomName: string, signedIn: boolean, since: string): Promise<ChatMessage[]> {
    return readAll(async (nextToken) => {
      const { data } = await client.graphql({
        query: closeRoomChatsByRoomName,
        variables: {
          roomName,
          createdAt: { ge: since },
          sortDirection: ModelSortDirection.ASC,
          limit: CATCH_UP_PAGE,
          nextToken,
        },
        authMode: readMode(signedIn),
      })
      return toPage(data.closeRoomChatsByRoomName)
    })
  }
  async function postClosedChat(roomName: string, message: string): Promise<ChatMessage> {
    const { data } = await client.graphql({
      query: createCloseRoomChat,
      variables: { input: { roomName, message } },
      authMode: 'userPool',
      authToken: await idToken(),
    })
    return toChatMessage(data.createCloseRoomChat)
  }
  async function editClosedChat(id: string, message: string): Promise<ChatMessage> {
    const { data } = await client.graphql({
      query: updateCloseRoomChat,
      variables: { input: { id, message } },
      authMode: 'userPool',
    })
    return toChatMessage(data.updateCloseRoomChat)
  }
  async function deleteClosedChat(id: string): Promise<void> {
    await client.graphql({ query: deleteCloseRoomChat, variables: { input: { id } }, authMode: 'userPool' })
  }
  function closedChatCreated(roomName: string, signedIn: boolean): Feed {
    return {
      field: subscriptionField(onCreateCloseRoomChatByRoomName) ?? '',
      variables: { roomName },
      deliver: 'onCreate',
      open: (next, fail) =>
        client
          .graphql({
            query: onCreateCloseRoomChatByRoomName,
            variables: { roomName },
            authMode: readMode(signedIn),
          })
          .subscribe({ next: ({ data }) => next(data.onCreateCloseRoomChatByRoomName), error: fail }),
    }
  }
  function closedChatUpdated(roomName: string, signedIn: boolean): Feed {
    return {
      field: subscriptionField(onUpdateCloseRoomChatByRoomName) ?? '',
      variables: { roomName },
      deliver: 'onUpdate',
      open: (next, fail) =>
        client
          .graphql({
            query: onUpdateCloseRoomChatByRoomName,
            variables: { roomName },
            authMode: readMode(signedIn),
          })
          .subscribe({ next: ({ data }) => next(data.onUpdateCloseRoomChatByRoomName), error: fail }),
    }
  }
  function closedChatDeleted(roomName: string, signedIn: boolean): Feed {
    return {
      field: subscriptionField(onDeleteCloseRoomChatByRoomName) ?? '',
      variables: { roomName },
      deliver: 'onDelete',
      open: (next, fail) =>
        client
          .graphql({
            query: onDeleteCloseRoomChatByRoomName,
            variables: { roomName },
            authMode: readMode(signedIn),
          })
          .subscribe({ next: ({ data }) => next(data.onDeleteCloseRoomChatByRoomName), error: fail }),
    }
  }

  return {
    listOpenChats,
    listOpenChatsSince,
    postOpenChat,
    listRoomChats,
    listRoomChatsSince,
    postRoomChat,
    listClosedChats,
    listClosedChatsSince,
    postClosedChat,
    editClosedChat,
    deleteClosedChat,

    openChatRoom(): ChatRoomSource {
      return {
        key: 'open',
        subscribe: (events) => openFeeds(realtime, [openChatCreated()], events, null),
        fetchPage: ({ limit, nextToken }) => listOpenChats(limit, nextToken),
        fetchSince: listOpenChatsSince,
        send: postOpenChat,
      }
    },

    roomChatRoom(roomName: string): ChatRoomSource {
      return {
        key: `room:${roomName}`,
        subscribe: (events) => openFeeds(realtime, [roomChatCreated(roomName)], events, roomName),
        fetchPage: ({ limit, nextToken }) => listRoomChats(roomName, limit, nextToken),
        fetchSince: (since) => listRoomChatsSince(roomName, since),
        send: (message) => postRoomChat(roomName, message),
      }
    },

    closedChatRoom(roomName: string, signedIn: boolean): ChatRoomSource {
      const source: ChatRoomSource = {
        key: `closed:${roomName}:${readMode(signedIn)}`,
        subscribe: (events) =>
          openFeeds(
            realtime,
            [
              closedChatCreated(roomName, signedIn),
              closedChatUpdated(roomName, signedIn),
              closedChatDeleted(roomName, signedIn),
            ],
            events,
            roomName,
          ),
        fetchPage: ({ limit, nextToken }) => listClosedChats(roomName, signedIn, limit, nextToken),
        fetchSince: (since) => listClosedChatsSince(roomName, signedIn, since),
        send: (message) =>
          signedIn
            ? postClosedChat(roomName, message)
            : Promise.reject(new Error('Sign in to post in the closed chat.')),
      }
      if (signedIn) {
        source.update = editClosedChat
        source.remove = deleteClosedChat
      }
      return source
    },
  }
}

export type ChatApi = ReturnType<typeof createChatApi>

let defaultApi: ChatApi | null = null

/** The app's API, on the client configured by configureAmplify (created on first use). */
export function chatApi(): ChatApi {
  defaultApi ??= createChatApi({
    client: generateClient(),
    realtime: amplifyRealtimeEvents,
    idToken: currentIdToken,
  })
  return defaultApi
}
