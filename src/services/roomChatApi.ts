import { ModelSortDirection } from '../API'
import { createRoomChat } from '../graphql/mutations'
import { roomChatsByRoomName } from '../graphql/queries'
import { onCreateRoomChatByRoomName } from '../graphql/subscriptions'
import type { ChatMessage } from '../domain/chatMessage'
import type { ChatRoomSource, MessagePage } from './chatRoomSource'
import { CATCH_UP_PAGE, openFeeds, readAll, toChatMessage, toPage } from './chatFeeds'
import type { ChatApiDependencies, Feed } from './chatFeeds'
import { defaultChatDependencies } from './defaultChatDependencies'
import { subscriptionField } from './realtimeEvents'

/** The room chat's operations (API key for everything) and one source per room. */
export function createRoomChatApi({ client, realtime }: Pick<ChatApiDependencies, 'client' | 'realtime'>) {
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

  return {
    listRoomChats,
    listRoomChatsSince,
    postRoomChat,

    roomChatRoom(roomName: string): ChatRoomSource {
      return {
        key: `room:${roomName}`,
        subscribe: (events) => openFeeds(realtime, [roomChatCreated(roomName)], events, roomName),
        fetchPage: ({ limit, nextToken }) => listRoomChats(roomName, limit, nextToken),
        fetchSince: (since) => listRoomChatsSince(roomName, since),
        send: (message) => postRoomChat(roomName, message),
      }
    },
  }
}

export type RoomChatApi = ReturnType<typeof createRoomChatApi>

let defaultApi: RoomChatApi | null = null

/** The room chat on the app's client (created on first use). */
export function roomChatApi(): RoomChatApi {
  defaultApi ??= createRoomChatApi(defaultChatDependencies())
  return defaultApi
}
