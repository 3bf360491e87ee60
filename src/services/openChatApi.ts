import { ModelSortDirection } from '../API'
import { createOpenChat } from '../graphql/mutations'
import { openChatsByChannel } from '../graphql/queries'
import { onCreateOpenChat } from '../graphql/subscriptions'
import type { ChatMessage } from '../domain/chatMessage'
import type { ChatRoomSource, MessagePage } from './chatRoomSource'
import { CATCH_UP_PAGE, openFeeds, readAll, toChatMessage, toPage } from './chatFeeds'
import type { ChatApiDependencies, Feed } from './chatFeeds'
import { defaultChatDependencies } from './defaultChatDependencies'
import { subscriptionField } from './realtimeEvents'

/** The open chat's single partition: every OpenChat has channel "open". */
export const OPEN_CHANNEL = 'open'

/** The open chat's operations (API key for everything) and its room source. */
export function createOpenChatApi({ client, realtime }: Pick<ChatApiDependencies, 'client' | 'realtime'>) {
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

  return {
    listOpenChats,
    listOpenChatsSince,
    postOpenChat,

    openChatRoom(): ChatRoomSource {
      return {
        key: 'open',
        subscribe: (events) => openFeeds(realtime, [openChatCreated()], events, null),
        fetchPage: ({ limit, nextToken }) => listOpenChats(limit, nextToken),
        fetchSince: listOpenChatsSince,
        send: postOpenChat,
      }
    },
  }
}

export type OpenChatApi = ReturnType<typeof createOpenChatApi>

let defaultApi: OpenChatApi | null = null

/** The open chat on the app's client (created on first use). */
export function openChatApi(): OpenChatApi {
  defaultApi ??= createOpenChatApi(defaultChatDependencies())
  return defaultApi
}
