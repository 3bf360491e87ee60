import { createOpenChat } from '../../graphql/mutations'
import { openChatsByChannel } from '../../graphql/queries'
import { onCreateOpenChat } from '../../graphql/subscriptions'
import type { ChatDescriptor } from '../chatDescriptor'

/** The open chat's single partition: every OpenChat has channel "open". */
export const OPEN_CHANNEL = 'open'

/** The open chat: one room, the API key for everything, posts only. */
export const openChat: ChatDescriptor<void, Record<string, never>> = {
  name: 'open',
  auth: { read: 'apiKey', write: 'apiKey' },
  roomName: () => null,
  subscriptionVariables: () => ({}),
  list: async (graphql, _room, page) =>
    (await graphql({ query: openChatsByChannel, variables: { channel: OPEN_CHANNEL, ...page } })).data
      .openChatsByChannel,
  post: async (graphql, _room, message, nickname) =>
    (
      await graphql({
        query: createOpenChat,
        variables: { input: nickname === null ? { message } : { message, authorName: nickname } },
      })
    ).data.createOpenChat,
  feeds: [
    {
      query: onCreateOpenChat,
      deliver: 'onCreate',
      open: (graphql, _variables, { next, error }) =>
        graphql({ query: onCreateOpenChat }).subscribe({
          next: ({ data }) => next(data.onCreateOpenChat),
          error,
        }),
    },
  ],
}
