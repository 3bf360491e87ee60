import { createRoomChat, touchRoom } from '../../graphql/mutations'
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
  post: async (graphql, roomName, message, nickname) => {
    const input = nickname === null ? { roomName, message } : { roomName, message, authorName: nickname }
    const created = (await graphql({ query: createRoomChat, variables: { input } })).data.createRoomChat
    // The rooms list follows: the server records the room's newest stored message. A failure there only
    // leaves the list behind until the next post, so it is not the sender's error.
    graphql({ query: touchRoom, variables: { roomName } }).catch(() => {})
    return created
  },
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
