import { ModelSortDirection } from '../API'
import type { AuthMode, ChatDescriptor, ChatFeed, Graphql, PageVariables } from './chatDescriptor'
import { CATCH_UP_PAGE, openFeeds, openWhenReady, readAll, toChatMessage, toPage } from './chatFeeds'
import type { ChatApiDependencies, Feed } from './chatFeeds'
import type { ChatRoomSource, MessagePage } from './chatRoomSource'
import { subscriptionField } from './realtimeEvents'

export interface RoomViewer {
  /** Signed in (user-pool calls possible) or not (the default). */
  signedIn?: boolean
  /** The sender's nickname at the time of each post (open and room chats); none by default. */
  nickname?: () => string
}

export interface ChatRooms<Room> {
  /** The room's source for a viewer (signed out, without a nickname, by default). */
  room(room: Room, viewer?: RoomViewer): ChatRoomSource
}

/**
 * The one room-source factory: a chat's descriptor and the client give a source per room and sign-in
 * state, with the auth mode of every call chosen from the descriptor. Every user-pool call waits for the
 * Cognito set-up first, or it would go out without the user's token.
 */
export function createChatRooms<Room, Variables extends Record<string, unknown>>(
  chat: ChatDescriptor<Room, Variables>,
  { client, realtime, idToken, userPoolReady }: ChatApiDependencies,
): ChatRooms<Room> {
  function withAuth(authMode: AuthMode, authToken?: string): Graphql {
    // The descriptor's call keeps its document's types; only the auth options are added here.
    const bound: Graphql = (options) =>
      client.graphql(authToken === undefined ? { ...options, authMode } : { ...options, authMode, authToken })
    return bound
  }
  async function graphqlFor(authMode: AuthMode, withIdToken = false): Promise<Graphql> {
    if (authMode === 'userPool') await userPoolReady?.()
    return withAuth(authMode, withIdToken ? await idToken() : undefined)
  }

  function feed(of: ChatFeed<Variables>, variables: Variables, authMode: AuthMode): Feed {
    return {
      field: subscriptionField(of.query) ?? '',
      variables,
      deliver: of.deliver,
      open(next, fail) {
        const open = () => of.open(withAuth(authMode), variables, { next, error: fail })
        // A user-pool subscription opens once the set-up is done; an API-key one at once.
        return authMode === 'userPool' && userPoolReady ? openWhenReady(userPoolReady(), open, fail) : open()
      },
    }
  }

  return {
    room(room: Room, { signedIn = false, nickname }: RoomViewer = {}): ChatRoomSource {
      const readMode: AuthMode =
        chat.auth.read === 'viewer' ? (signedIn ? 'userPool' : 'apiKey') : chat.auth.read
      const writeMode = chat.auth.write
      const canWrite = writeMode === 'apiKey' || signedIn
      const roomName = chat.roomName(room)
      const variables = chat.subscriptionVariables(room)

      async function list(page: PageVariables): Promise<MessagePage> {
        return toPage(await chat.list(await graphqlFor(readMode), room, page))
      }
      const source: ChatRoomSource = {
        key: [chat.name, roomName, readMode].filter((part) => part !== null).join(':'),
        subscribe: (events) =>
          openFeeds(
            realtime,
            chat.feeds.map((of) => feed(of, variables, readMode)),
            events,
            roomName,
          ),
        fetchPage: ({ limit, nextToken }) =>
          list({ sortDirection: ModelSortDirection.DESC, limit, nextToken: nextToken ?? null }),
        // `ge`, oldest first, every page: the room's merge drops what it already has.
        fetchSince: (since) =>
          readAll((nextToken) =>
            list({
              createdAt: { ge: since },
              sortDirection: ModelSortDirection.ASC,
              limit: CATCH_UP_PAGE,
              nextToken,
            }),
          ),
        async send(message) {
          if (!canWrite) throw new Error(chat.signInToPost ?? 'Sign in to post here.')
          const graphql = await graphqlFor(writeMode, chat.auth.postWithIdToken)
          return toChatMessage(await chat.post(graphql, room, message, nickname?.() ?? null))
        },
      }
      const { update, remove } = chat
      if (canWrite && update) {
        source.update = async (id, message) =>
          toChatMessage(await update(await graphqlFor(writeMode), id, message))
      }
      if (canWrite && remove) {
        source.remove = async (id) => {
          await remove(await graphqlFor(writeMode), id)
        }
      }
      return source
    },
  }
}
