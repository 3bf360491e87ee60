import { createTeamChat, deleteTeamChat, updateTeamChat } from '../../graphql/mutations'
import { teamChatsByTeam } from '../../graphql/queries'
import {
  onCreateTeamChatByTeam,
  onDeleteTeamChatByTeam,
  onUpdateTeamChatByTeam,
} from '../../graphql/subscriptions'
import type { OnCreateTeamChatByTeamSubscriptionVariables } from '../../API'
import type { ChatDescriptor, Connection } from '../chatDescriptor'
import type { MessageLike } from '../chatFeeds'

type TeamMessage = Omit<MessageLike, 'roomName'> & { team?: string | null }

// A team's messages carry `team` where the other chats' carry `roomName`: the room engine keys and filters
// deliveries by `roomName`, so it is copied across.
function asRoomMessage<T extends TeamMessage | null | undefined>(item: T): MessageLike | T {
  return item ? { ...item, roomName: item.team ?? null } : item
}

function asRoomConnection(
  connection: { items: (TeamMessage | null)[]; nextToken?: string | null } | null | undefined,
): Connection {
  return connection && { items: connection.items.map(asRoomMessage), nextToken: connection.nextToken }
}

/**
 * The team chat: one room per team (a Cognito group). Members read, subscribe and post with user pools,
 * Admins read every team; posts carry the ID token (the server names the author from it and checks the
 * poster is in the team); authors edit or delete their own messages. The subscriptions are the custom
 * `…ByTeam` ones, whose resolvers refuse anyone neither in the team nor an Admin.
 */
export const teamChat: ChatDescriptor<string, OnCreateTeamChatByTeamSubscriptionVariables> = {
  name: 'team',
  auth: { read: 'userPool', write: 'userPool', postWithIdToken: true },
  signInToPost: 'Sign in to post in your team.',
  roomName: (team) => team,
  subscriptionVariables: (team) => ({ team }),
  list: async (graphql, team, page) =>
    asRoomConnection(
      (await graphql({ query: teamChatsByTeam, variables: { team, ...page } })).data.teamChatsByTeam,
    ),
  post: async (graphql, team, message) =>
    asRoomMessage(
      (await graphql({ query: createTeamChat, variables: { input: { team, message } } })).data.createTeamChat,
    ),
  update: async (graphql, id, message) =>
    asRoomMessage(
      (await graphql({ query: updateTeamChat, variables: { input: { id, message } } })).data.updateTeamChat,
    ),
  remove: (graphql, id) => graphql({ query: deleteTeamChat, variables: { input: { id } } }),
  feeds: [
    {
      query: onCreateTeamChatByTeam,
      deliver: 'onCreate',
      open: (graphql, variables, { next, error }) =>
        graphql({ query: onCreateTeamChatByTeam, variables }).subscribe({
          next: ({ data }) => next(asRoomMessage(data.onCreateTeamChatByTeam)),
          error,
        }),
    },
    {
      query: onUpdateTeamChatByTeam,
      deliver: 'onUpdate',
      open: (graphql, variables, { next, error }) =>
        graphql({ query: onUpdateTeamChatByTeam, variables }).subscribe({
          next: ({ data }) => next(asRoomMessage(data.onUpdateTeamChatByTeam)),
          error,
        }),
    },
    {
      query: onDeleteTeamChatByTeam,
      deliver: 'onDelete',
      open: (graphql, variables, { next, error }) =>
        graphql({ query: onDeleteTeamChatByTeam, variables }).subscribe({
          next: ({ data }) => next(asRoomMessage(data.onDeleteTeamChatByTeam)),
          error,
        }),
    },
  ],
}
