import { createCloseRoomChat, deleteCloseRoomChat, updateCloseRoomChat } from '../../graphql/mutations'
import { closeRoomChatsByRoomName } from '../../graphql/queries'
import {
  onCreateCloseRoomChatByRoomName,
  onDeleteCloseRoomChatByRoomName,
  onUpdateCloseRoomChatByRoomName,
} from '../../graphql/subscriptions'
import type { OnCreateCloseRoomChatByRoomNameSubscriptionVariables } from '../../API'
import type { ChatDescriptor } from '../chatDescriptor'

/**
 * The closed chat: everyone reads live (the API key signed out, user pools signed in); signed-in users
 * post with the ID token (the server names the author from it) and edit or delete their own messages.
 */
export const closedChat: ChatDescriptor<string, OnCreateCloseRoomChatByRoomNameSubscriptionVariables> = {
  name: 'closed',
  auth: { read: 'viewer', write: 'userPool', postWithIdToken: true },
  signInToPost: 'Sign in to post in the closed chat.',
  roomName: (roomName) => roomName,
  subscriptionVariables: (roomName) => ({ roomName }),
  list: async (graphql, roomName, page) =>
    (await graphql({ query: closeRoomChatsByRoomName, variables: { roomName, ...page } })).data
      .closeRoomChatsByRoomName,
  post: async (graphql, roomName, message) =>
    (await graphql({ query: createCloseRoomChat, variables: { input: { roomName, message } } })).data
      .createCloseRoomChat,
  update: async (graphql, id, message) =>
    (await graphql({ query: updateCloseRoomChat, variables: { input: { id, message } } })).data
      .updateCloseRoomChat,
  remove: (graphql, id) => graphql({ query: deleteCloseRoomChat, variables: { input: { id } } }),
  feeds: [
    {
      query: onCreateCloseRoomChatByRoomName,
      deliver: 'onCreate',
      open: (graphql, variables, { next, error }) =>
        graphql({ query: onCreateCloseRoomChatByRoomName, variables }).subscribe({
          next: ({ data }) => next(data.onCreateCloseRoomChatByRoomName),
          error,
        }),
    },
    {
      query: onUpdateCloseRoomChatByRoomName,
      deliver: 'onUpdate',
      open: (graphql, variables, { next, error }) =>
        graphql({ query: onUpdateCloseRoomChatByRoomName, variables }).subscribe({
          next: ({ data }) => next(data.onUpdateCloseRoomChatByRoomName),
          error,
        }),
    },
    {
      query: onDeleteCloseRoomChatByRoomName,
      deliver: 'onDelete',
      open: (graphql, variables, { next, error }) =>
        graphql({ query: onDeleteCloseRoomChatByRoomName, variables }).subscribe({
          next: ({ data }) => next(data.onDeleteCloseRoomChatByRoomName),
          error,
        }),
    },
  ],
}
