/**
 * Who may do what on the chat API: the single source of truth for the access-control test
 * (accessControl.test.ts runs every cell against the real backend) and for docs/access-control.md
 * (rendered from this table by `npm run docs:access-control`). Pure data: no imports, so the doc script
 * loads it without the backend or aws-amplify.
 */

export type Identity = 'none' | 'apiKey' | 'userA' | 'userB'
export type Access = 'allowed' | 'denied'
export type ChatModel =
  'OpenChat' | 'RoomChat' | 'CloseRoomChat' | 'Room' | 'RoomPresence' | 'RoomTyping' | 'DisplayNameClaim'
export type OperationKind =
  | 'create'
  | 'get'
  | 'list'
  | 'history'
  | 'update'
  | 'delete'
  | 'subscribe'
  /** touchRoom: brings a room's entry in the rooms list up to date from its stored messages. */
  | 'touch'
  /** Presence and typing: echoed to the room's subscribers, nothing stored. */
  | 'signal'
  /** claimDisplayName: claims the display name in the caller's ID token. */
  | 'claim'

export interface AccessRow {
  /** The GraphQL field, also the name of its generated document in src/graphql. */
  operation: string
  model: ChatModel
  kind: OperationKind
  access: Record<Identity, Access>
  note?: string
}

export const identities: readonly { id: Identity; label: string; description: string }[] = [
  { id: 'none', label: 'No credentials', description: 'neither an API key nor a token' },
  { id: 'apiKey', label: 'API key', description: "the app's public API key, as used by signed-out visitors" },
  {
    id: 'userA',
    label: 'User A',
    description: 'a signed-in user (user-pool token), author of the message acted on',
  },
  { id: 'userB', label: 'User B', description: 'another signed-in user' },
]

const Y = 'allowed'
const N = 'denied'
/** Columns in the order of `identities`: no credentials, API key, user A, user B. */
const access = (none: Access, apiKey: Access, userA: Access, userB: Access): Record<Identity, Access> => ({
  none,
  apiKey,
  userA,
  userB,
})

export const accessControlMatrix: readonly AccessRow[] = [
  // Open chat: public with the API key, append-only.
  {
    operation: 'createOpenChat',
    model: 'OpenChat',
    kind: 'create',
    access: access(N, Y, N, N),
    note: 'The open chat is written with the API key only; user-pool tokens are refused.',
  },
  { operation: 'getOpenChat', model: 'OpenChat', kind: 'get', access: access(N, Y, N, N) },
  { operation: 'listOpenChats', model: 'OpenChat', kind: 'list', access: access(N, Y, N, N) },
  {
    operation: 'openChatsByChannel',
    model: 'OpenChat',
    kind: 'history',
    access: access(N, Y, N, N),
    note: 'History, newest first.',
  },
  {
    operation: 'updateOpenChat',
    model: 'OpenChat',
    kind: 'update',
    access: access(N, N, N, N),
    note: 'Nobody edits the open chat, not even with the API key that posted the message.',
  },
  {
    operation: 'deleteOpenChat',
    model: 'OpenChat',
    kind: 'delete',
    access: access(N, N, N, N),
    note: 'Nobody deletes from the open chat.',
  },
  {
    operation: 'onCreateOpenChat',
    model: 'OpenChat',
    kind: 'subscribe',
    access: access(N, Y, N, N),
    note: 'Subscribing is reading: API key only.',
  },
  {
    operation: 'onUpdateOpenChat',
    model: 'OpenChat',
    kind: 'subscribe',
    access: access(N, Y, N, N),
    note: 'Allowed as a read, but never fires: nobody may update.',
  },
  {
    operation: 'onDeleteOpenChat',
    model: 'OpenChat',
    kind: 'subscribe',
    access: access(N, Y, N, N),
    note: 'Allowed as a read, but never fires: nobody may delete.',
  },

  // Rooms: like the open chat, per room.
  {
    operation: 'createRoomChat',
    model: 'RoomChat',
    kind: 'create',
    access: access(N, Y, N, N),
    note: 'Rooms are written with the API key only; user-pool tokens are refused.',
  },
  { operation: 'getRoomChat', model: 'RoomChat', kind: 'get', access: access(N, Y, N, N) },
  { operation: 'listRoomChats', model: 'RoomChat', kind: 'list', access: access(N, Y, N, N) },
  {
    operation: 'roomChatsByRoomName',
    model: 'RoomChat',
    kind: 'history',
    access: access(N, Y, N, N),
    note: "A room's history, newest first.",
  },
  {
    operation: 'updateRoomChat',
    model: 'RoomChat',
    kind: 'update',
    access: access(N, N, N, N),
    note: 'Nobody edits room messages.',
  },
  {
    operation: 'deleteRoomChat',
    model: 'RoomChat',
    kind: 'delete',
    access: access(N, N, N, N),
    note: 'Nobody deletes room messages.',
  },
  { operation: 'onCreateRoomChat', model: 'RoomChat', kind: 'subscribe', access: access(N, Y, N, N) },
  {
    operation: 'onUpdateRoomChat',
    model: 'RoomChat',
    kind: 'subscribe',
    access: access(N, Y, N, N),
    note: 'Never fires: nobody may update.',
  },
  {
    operation: 'onDeleteRoomChat',
    model: 'RoomChat',
    kind: 'subscribe',
    access: access(N, Y, N, N),
    note: 'Never fires: nobody may delete.',
  },
  {
    operation: 'onCreateRoomChatByRoomName',
    model: 'RoomChat',
    kind: 'subscribe',
    access: access(N, Y, N, N),
    note: "One room's new messages (what the app subscribes to).",
  },

  // Closed rooms: signed-in users write as owners; the API key and every signed-in user read.
  {
    operation: 'createCloseRoomChat',
    model: 'CloseRoomChat',
    kind: 'create',
    access: access(N, N, Y, Y),
    note: 'Any signed-in user with a display name posts (ID token), as the owner of the new message; the API key only reads.',
  },
  {
    operation: 'getCloseRoomChat',
    model: 'CloseRoomChat',
    kind: 'get',
    access: access(N, Y, Y, Y),
    note: "B may read A's message.",
  },
  { operation: 'listCloseRoomChats', model: 'CloseRoomChat', kind: 'list', access: access(N, Y, Y, Y) },
  {
    operation: 'closeRoomChatsByRoomName',
    model: 'CloseRoomChat',
    kind: 'history',
    access: access(N, Y, Y, Y),
    note: "A room's history, newest first.",
  },
  {
    operation: 'updateCloseRoomChat',
    model: 'CloseRoomChat',
    kind: 'update',
    access: access(N, N, Y, N),
    note: "Owner only: B may not edit A's message, nor may the API key.",
  },
  {
    operation: 'deleteCloseRoomChat',
    model: 'CloseRoomChat',
    kind: 'delete',
    access: access(N, N, Y, N),
    note: "Owner only: B may not delete A's message, nor may the API key.",
  },
  {
    operation: 'onCreateCloseRoomChat',
    model: 'CloseRoomChat',
    kind: 'subscribe',
    access: access(N, Y, Y, Y),
    note: 'Every new message; no arguments.',
  },
  {
    operation: 'onUpdateCloseRoomChat',
    model: 'CloseRoomChat',
    kind: 'subscribe',
    access: access(N, Y, Y, Y),
  },
  {
    operation: 'onDeleteCloseRoomChat',
    model: 'CloseRoomChat',
    kind: 'subscribe',
    access: access(N, Y, Y, Y),
  },
  {
    operation: 'onCreateCloseRoomChatByRoomName',
    model: 'CloseRoomChat',
    kind: 'subscribe',
    access: access(N, Y, Y, Y),
    note: "One room's new messages (what the app subscribes to).",
  },
  {
    operation: 'onUpdateCloseRoomChatByRoomName',
    model: 'CloseRoomChat',
    kind: 'subscribe',
    access: access(N, Y, Y, Y),
    note: "One room's edits.",
  },
  {
    operation: 'onDeleteCloseRoomChatByRoomName',
    model: 'CloseRoomChat',
    kind: 'subscribe',
    access: access(N, Y, Y, Y),
    note: "One room's deletions.",
  },
  // Display names: each signed-in user claims their own (ID token); nothing about a claim can be read.
  {
    operation: 'claimDisplayName',
    model: 'DisplayNameClaim',
    kind: 'claim',
    access: access(N, N, Y, Y),
    note: "Claims the caller's own display name (ID token); refused when another account holds it in any letter case.",
  },
  // The rooms list: read with the API key, written only by touchRoom from the stored messages.
  {
    operation: 'touchRoom',
    model: 'Room',
    kind: 'touch',
    access: access(N, Y, N, N),
    note: "Updates a room's entry from its newest stored message; the caller sends only the room name.",
  },
  { operation: 'getRoom', model: 'Room', kind: 'get', access: access(N, Y, N, N) },
  {
    operation: 'roomsByActivity',
    model: 'Room',
    kind: 'history',
    access: access(N, Y, N, N),
    note: 'Rooms by last activity, newest first (what the app lists).',
  },
  {
    operation: 'onTouchRoom',
    model: 'Room',
    kind: 'subscribe',
    access: access(N, Y, N, N),
    note: 'Every room brought up to date (keeps the rooms list live).',
  },

  // Presence and typing: API key, nothing stored, one room per subscription.
  {
    operation: 'announcePresence',
    model: 'RoomPresence',
    kind: 'signal',
    access: access(N, Y, N, N),
    note: 'The nickname is unverified; the server checks its form and sets the time.',
  },
  {
    operation: 'onPresenceInRoom',
    model: 'RoomPresence',
    kind: 'subscribe',
    access: access(N, Y, N, N),
    note: "One room's presence announcements.",
  },
  {
    operation: 'sendTyping',
    model: 'RoomTyping',
    kind: 'signal',
    access: access(N, Y, N, N),
    note: 'The nickname is unverified; the server checks its form and sets the time.',
  },
  {
    operation: 'onTypingInRoom',
    model: 'RoomTyping',
    kind: 'subscribe',
    access: access(N, Y, N, N),
    note: "One room's typing notices.",
  },
]
