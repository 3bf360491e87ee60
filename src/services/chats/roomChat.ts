import { createRoomChat } from '../../graphql/mutations'
import { roomChatsByRoomName } from '../../graphql/queries'
import { onCreateRoomChatByRoomName } from '../../graphql/subscriptions'
import type { OnCreateRoomChatByRoomNameSubscriptionVariables } from '../../API'
import type { ChatDescriptor } from '../chatDescriptor'

/** The room chat: rooms named by the page, the API key for everything, posts only. */
export const roomChat: ChatDescriptor<string, OnCreateRoomChatByRoomNameSubscriptionVariables> = {
  name: 'room',
  auth: { read: 'apiKey', write: 'apiKey' },
  roomName: (roomName) => roomName,
  subscriptionVariables: (roomName) => ({ roomName }),
  list: async (graphql, roomName, page) =>
    (await graphql({ query: roomChatsByRoomName, variables: { roomName, ...page } })).data
      .roomChatsByRoomName,
  post: async (graphql, roomName, message) =>
    (await graphql({ query: createRoomChat, variables: { input: { roomName, message } } })).data
      .createRoomChat,
  feeds: [
    {
      query: onCreateRoomChatByRoomName,
      deliver: 'onCreate',
      open: (graphql, variables, { next, error }) =>
        graphql({ query: onCreateRoomChatByRoomName, variables }).subscribe({
          next: ({ data }) => next(data.onCreateRoomChatByRoomName),
          error,
        }),
    },
  ],
}
