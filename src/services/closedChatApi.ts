import { ModelSortDirection } from '../API'
import { createCloseRoomChat, deleteCloseRoomChat, updateCloseRoomChat } from '../graphql/mutations'
import { closeRoomChatsByRoomName } from '../graphql/queries'
import {
  onCreateCloseRoomChatByRoomName,
  onDeleteCloseRoomChatByRoomName,
  onUpdateCloseRoomChatByRoomName,
} from '../graphql/subscriptions'
import type { ChatMessage } from '../domain/chatMessage'
import type { ChatRoomSource, MessagePage } from './chatRoomSource'
import { CATCH_UP_PAGE, openFeeds, openWhenReady, readAll, toChatMessage, toPage } from './chatFeeds'
import type { ChatApiDependencies, Feed, Unsubscribable } from './chatFeeds'
import { defaultChatDependencies } from './defaultChatDependencies'
import { subscriptionField } from './realtimeEvents'

/**
 * The closed chat's operations and one source per room and sign-in state: reads with the API key when
 * signed out, user pools when signed in; writes with user pools, creation with the ID token so the
 * server can read the author's email.
 */
export function createClosedChatApi({ client, realtime, idToken, userPoolReady }: ChatApiDependencies) {
  const readMode = (signedIn: boolean) => (signedIn ? ('userPool' as const) : ('apiKey' as const))
  // Every user-pool call waits for the Cognito set-up, or it would go out without the user's token.
  async function userPool(): Promise<'userPool'> {
    await userPoolReady?.()
    return 'userPool'
  }
  const readModeReady = (signedIn: boolean) => (signedIn ? userPool() : ('apiKey' as const))
  /** A user-pool subscription opens once the set-up is done; an API-key one at once. */
  function openFeed(signedIn: boolean, open: () => Unsubscribable, fail: (error: unknown) => void) {
    return signedIn && userPoolReady ? openWhenReady(userPoolReady(), open, fail) : open()
  }

  async function listClosedChats(
    roomName: string,
    signedIn: boolean,
    limit: number,
    nextToken: string | null = null,
  ): Promise<MessagePage> {
    const { data } = await client.graphql({
      query: closeRoomChatsByRoomName,
      variables: { roomName, sortDirection: ModelSortDirection.DESC, limit, nextToken },
      authMode: await readModeReady(signedIn),
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
        authMode: await readModeReady(signedIn),
      })
      return toPage(data.closeRoomChatsByRoomName)
    })
  }
  async function postClosedChat(roomName: string, message: string): Promise<ChatMessage> {
    const { data } = await client.graphql({
      query: createCloseRoomChat,
      variables: { input: { roomName, message } },
      authMode: await userPool(),
      authToken: await idToken(),
    })
    return toChatMessage(data.createCloseRoomChat)
  }
  async function editClosedChat(id: string, message: string): Promise<ChatMessage> {
    const { data } = await client.graphql({
      query: updateCloseRoomChat,
      variables: { input: { id, message } },
      authMode: await userPool(),
    })
    return toChatMessage(data.updateCloseRoomChat)
  }
  async function deleteClosedChat(id: string): Promise<void> {
    await client.graphql({
      query: deleteCloseRoomChat,
      variables: { input: { id } },
      authMode: await userPool(),
    })
  }
  type Subscribe = (
    authMode: 'userPool' | 'apiKey',
    next: Parameters<Feed['open']>[0],
    fail: (error: unknown) => void,
  ) => Unsubscribable
  /** One of a room's three feeds; `subscribe` makes the typed call for its operation. */
  function closedChatFeed(
    query: string,
    deliver: Feed['deliver'],
    roomName: string,
    signedIn: boolean,
    subscribe: Subscribe,
  ): Feed {
    return {
      field: subscriptionField(query) ?? '',
      variables: { roomName },
      deliver,
      open: (next, fail) => openFeed(signedIn, () => subscribe(readMode(signedIn), next, fail), fail),
    }
  }
  const closedChatCreated = (roomName: string, signedIn: boolean) =>
    closedChatFeed(onCreateCloseRoomChatByRoomName, 'onCreate', roomName, signedIn, (authMode, next, fail) =>
      client
        .graphql({ query: onCreateCloseRoomChatByRoomName, variables: { roomName }, authMode })
        .subscribe({ next: ({ data }) => next(data.onCreateCloseRoomChatByRoomName), error: fail }),
    )
  const closedChatUpdated = (roomName: string, signedIn: boolean) =>
    closedChatFeed(onUpdateCloseRoomChatByRoomName, 'onUpdate', roomName, signedIn, (authMode, next, fail) =>
      client
        .graphql({ query: onUpdateCloseRoomChatByRoomName, variables: { roomName }, authMode })
        .subscribe({ next: ({ data }) => next(data.onUpdateCloseRoomChatByRoomName), error: fail }),
    )
  const closedChatDeleted = (roomName: string, signedIn: boolean) =>
    closedChatFeed(onDeleteCloseRoomChatByRoomName, 'onDelete', roomName, signedIn, (authMode, next, fail) =>
      client
        .graphql({ query: onDeleteCloseRoomChatByRoomName, variables: { roomName }, authMode })
        .subscribe({ next: ({ data }) => next(data.onDeleteCloseRoomChatByRoomName), error: fail }),
    )

  return {
    listClosedChats,
    listClosedChatsSince,
    postClosedChat,
    editClosedChat,
    deleteClosedChat,

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

export type ClosedChatApi = ReturnType<typeof createClosedChatApi>

let defaultApi: ClosedChatApi | null = null

/** The closed chat on the app's client (created on first use). */
export function closedChatApi(): ClosedChatApi {
  defaultApi ??= createClosedChatApi(defaultChatDependencies())
  return defaultApi
}
