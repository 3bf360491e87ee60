/**
 * Who may do what on the chat API: the single source of truth for the access-control test
 * (accessControl.test.ts runs every cell against the real backend) and for docs/access-control.md
 * (rendered from this table by `npm run docs:access-control`). Pure data: no imports, so the doc script
 * loads it without the backend or aws-amplify.
 */

export type Identity = 'none' | 'apiKey' | 'userA' | 'userB' | 'admin' | 'iam'
/**
 * `filtered`: the request succeeds but returns or delivers none of what the caller may not read (a list of
 * another team's messages comes back without them; a model subscription delivers only the caller's teams).
 */
export type Access = 'allowed' | 'denied' | 'filtered'
export type ChatModel =
  | 'OpenChat'
  | 'RoomChat'
  | 'CloseRoomChat'
  | 'Room'
  | 'RoomPresence'
  | 'RoomTyping'
  | 'TeamChat'
  | 'Announcement'
  | 'DisplayNameClaim'
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
  /** publishAnnouncement: echoed to the subscribers of the groups it names, nothing stored. */
  | 'publish'
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
    label: 'User A (TeamRed)',
    description:
      'a signed-in user (user-pool token) in the TeamRed group, author of the message acted on; team rows act on TeamRed',
  },
  {
    id: 'userB',
    label: 'User B (TeamBlue)',
    description: 'another signed-in user, member of another team (TeamBlue)',
  },
  { id: 'admin', label: 'Admin', description: 'a signed-in user in the Admins group and in no team' },
  {
    id: 'iam',
    label: 'IAM',
    description:
      "a trusted server: SigV4-signed with IAM credentials of the role in custom-roles.json's adminRoleNames (locally, the backend's local credentials)",
  },
]

const Y = 'allowed'
const N = 'denied'
const F = 'filtered'
/** Columns in the order of `identities`: no credentials, API key, user A, user B, Admin, IAM. */
const access = (
  none: Access,
  apiKey: Access,
  userA: Access,
  userB: Access,
  admin: Access,
  iam: Access,
): Record<Identity, Access> => ({ none, apiKey, userA, userB, admin, iam })

export const accessControlMatrix: readonly AccessRow[] = [
  // Open chat: public with the API key, append-only.
  {
    operation: 'createOpenChat',
    model: 'OpenChat',
    kind: 'create',
    access: access(N, Y, N, N, N, Y),
    note: 'The open chat is written with the API key only; user-pool tokens are refused.',
  },
  { operation: 'getOpenChat', model: 'OpenChat', kind: 'get', access: access(N, Y, N, N, N, Y) },
  { operation: 'listOpenChats', model: 'OpenChat', kind: 'list', access: access(N, Y, N, N, N, Y) },
  {
    operation: 'openChatsByChannel',
    model: 'OpenChat',
    kind: 'history',
    access: access(N, Y, N, N, N, Y),
    note: 'History, newest first.',
  },
  {
    operation: 'updateOpenChat',
    model: 'OpenChat',
    kind: 'update',
    access: access(N, N, N, N, N, Y),
    note: 'No user edits the open chat, not even with the API key that posted the message; the IAM admin role (custom-roles.json) may, as on every model.',
  },
  {
    operation: 'deleteOpenChat',
    model: 'OpenChat',
    kind: 'delete',
    access: access(N, N, N, N, N, Y),
    note: 'No user deletes from the open chat; the IAM admin role may.',
  },
  {
    operation: 'onCreateOpenChat',
    model: 'OpenChat',
    kind: 'subscribe',
    access: access(N, Y, N, N, N, Y),
    note: 'Subscribing is reading: API key only.',
  },
  {
    operation: 'onUpdateOpenChat',
    model: 'OpenChat',
    kind: 'subscribe',
    access: access(N, Y, N, N, N, Y),
    note: "Allowed as a read; fires only for the IAM admin role's edits.",
  },
  {
    operation: 'onDeleteOpenChat',
    model: 'OpenChat',
    kind: 'subscribe',
    access: access(N, Y, N, N, N, Y),
    note: "Allowed as a read; fires only for the IAM admin role's deletions.",
  },

  // Rooms: like the open chat, per room.
  {
    operation: 'createRoomChat',
    model: 'RoomChat',
    kind: 'create',
    access: access(N, Y, N, N, N, Y),
    note: 'Rooms are written with the API key only; user-pool tokens are refused.',
  },
  { operation: 'getRoomChat', model: 'RoomChat', kind: 'get', access: access(N, Y, N, N, N, Y) },
  { operation: 'listRoomChats', model: 'RoomChat', kind: 'list', access: access(N, Y, N, N, N, Y) },
  {
    operation: 'roomChatsByRoomName',
    model: 'RoomChat',
    kind: 'history',
    access: access(N, Y, N, N, N, Y),
    note: "A room's history, newest first.",
  },
  {
    operation: 'updateRoomChat',
    model: 'RoomChat',
    kind: 'update',
    access: access(N, N, N, N, N, Y),
    note: 'No user edits room messages; the IAM admin role may.',
  },
  {
    operation: 'deleteRoomChat',
    model: 'RoomChat',
    kind: 'delete',
    access: access(N, N, N, N, N, Y),
    note: 'No user deletes room messages; the IAM admin role may.',
  },
  { operation: 'onCreateRoomChat', model: 'RoomChat', kind: 'subscribe', access: access(N, Y, N, N, N, Y) },
  {
    operation: 'onUpdateRoomChat',
    model: 'RoomChat',
    kind: 'subscribe',
    access: access(N, Y, N, N, N, Y),
    note: "Fires only for the IAM admin role's edits.",
  },
  {
    operation: 'onDeleteRoomChat',
    model: 'RoomChat',
    kind: 'subscribe',
    access: access(N, Y, N, N, N, Y),
    note: "Fires only for the IAM admin role's deletions.",
  },
  {
    operation: 'onCreateRoomChatByRoomName',
    model: 'RoomChat',
    kind: 'subscribe',
    access: access(N, Y, N, N, N, N),
    note: "One room's new messages (what the app subscribes to).",
  },

  // Closed rooms: signed-in users write as owners; the API key and every signed-in user read.
  {
    operation: 'createCloseRoomChat',
    model: 'CloseRoomChat',
    kind: 'create',
    access: access(N, N, Y, Y, Y, N),
    note: 'Any signed-in user with a display name posts (ID token), as the owner of the new message; the API key and IAM only read.',
  },
  {
    operation: 'getCloseRoomChat',
    model: 'CloseRoomChat',
    kind: 'get',
    access: access(N, Y, Y, Y, Y, Y),
    note: "B may read A's message.",
  },
  { operation: 'listCloseRoomChats', model: 'CloseRoomChat', kind: 'list', access: access(N, Y, Y, Y, Y, Y) },
  {
    operation: 'closeRoomChatsByRoomName',
    model: 'CloseRoomChat',
    kind: 'history',
    access: access(N, Y, Y, Y, Y, Y),
    note: "A room's history, newest first.",
  },
  {
    operation: 'updateCloseRoomChat',
    model: 'CloseRoomChat',
    kind: 'update',
    access: access(N, N, Y, N, N, Y),
    note: "Owner only (and the IAM admin role): B may not edit A's message, nor may an Admin or the API key.",
  },
  {
    operation: 'deleteCloseRoomChat',
    model: 'CloseRoomChat',
    kind: 'delete',
    access: access(N, N, Y, N, N, Y),
    note: "Owner only (and the IAM admin role): B may not delete A's message, nor may an Admin or the API key.",
  },
  {
    operation: 'onCreateCloseRoomChat',
    model: 'CloseRoomChat',
    kind: 'subscribe',
    access: access(N, Y, Y, Y, Y, Y),
    note: 'Every new message; no arguments. Declared in the schema (the create mutation is custom), with the auth modes the generated one had.',
  },
  {
    operation: 'onUpdateCloseRoomChat',
    model: 'CloseRoomChat',
    kind: 'subscribe',
    access: access(N, Y, Y, Y, Y, Y),
  },
  {
    operation: 'onDeleteCloseRoomChat',
    model: 'CloseRoomChat',
    kind: 'subscribe',
    access: access(N, Y, Y, Y, Y, Y),
  },
  {
    operation: 'onCreateCloseRoomChatByRoomName',
    model: 'CloseRoomChat',
    kind: 'subscribe',
    access: access(N, Y, Y, Y, Y, N),
    note: "One room's new messages (what the app subscribes to).",
  },
  {
    operation: 'onUpdateCloseRoomChatByRoomName',
    model: 'CloseRoomChat',
    kind: 'subscribe',
    access: access(N, Y, Y, Y, Y, N),
    note: "One room's edits.",
  },
  {
    operation: 'onDeleteCloseRoomChatByRoomName',
    model: 'CloseRoomChat',
    kind: 'subscribe',
    access: access(N, Y, Y, Y, Y, N),
    note: "One room's deletions.",
  },
  // Display names: each signed-in user claims their own (ID token); nothing about a claim can be read.
  {
    operation: 'claimDisplayName',
    model: 'DisplayNameClaim',
    kind: 'claim',
    access: access(N, N, Y, Y, Y, N),
    note: "Claims the caller's own display name (ID token); refused when another account holds it in any letter case.",
  },
  // The rooms list: read with the API key, written only by touchRoom from the stored messages.
  {
    operation: 'touchRoom',
    model: 'Room',
    kind: 'touch',
    access: access(N, Y, N, N, N, N),
    note: "Updates a room's entry from its newest stored message; the caller sends only the room name.",
  },
  { operation: 'getRoom', model: 'Room', kind: 'get', access: access(N, Y, N, N, N, Y) },
  {
    operation: 'roomsByActivity',
    model: 'Room',
    kind: 'history',
    access: access(N, Y, N, N, N, Y),
    note: 'Rooms by last activity, newest first (what the app lists).',
  },
  {
    operation: 'onTouchRoom',
    model: 'Room',
    kind: 'subscribe',
    access: access(N, Y, N, N, N, N),
    note: 'Every room brought up to date (keeps the rooms list live).',
  },

  // Presence and typing: API key, nothing stored, one room per subscription.
  {
    operation: 'announcePresence',
    model: 'RoomPresence',
    kind: 'signal',
    access: access(N, Y, N, N, N, N),
    note: 'The nickname is unverified; the server checks its form and sets the time.',
  },
  {
    operation: 'onPresenceInRoom',
    model: 'RoomPresence',
    kind: 'subscribe',
    access: access(N, Y, N, N, N, N),
    note: "One room's presence announcements.",
  },
  {
    operation: 'sendTyping',
    model: 'RoomTyping',
    kind: 'signal',
    access: access(N, Y, N, N, N, N),
    note: 'The nickname is unverified; the server checks its form and sets the time.',
  },
  {
    operation: 'onTypingInRoom',
    model: 'RoomTyping',
    kind: 'subscribe',
    access: access(N, Y, N, N, N, N),
    note: "One room's typing notices.",
  },
  // Team chat: one room per Cognito group; members create and read, the author edits and deletes, Admins read.
  {
    operation: 'createTeamChat',
    model: 'TeamChat',
    kind: 'create',
    access: access(N, N, Y, N, N, N),
    note: "Into TeamRed: members with a display name (ID token) post under it. B (TeamBlue) and an Admin are refused by the pipeline's put, which checks `team` against the caller's groups; IAM has no groups.",
  },
  {
    operation: 'getTeamChat',
    model: 'TeamChat',
    kind: 'get',
    access: access(N, N, Y, N, Y, Y),
    note: 'A TeamRed message: members, Admins and the IAM admin role.',
  },
  {
    operation: 'listTeamChats',
    model: 'TeamChat',
    kind: 'list',
    access: access(N, N, Y, F, Y, Y),
    note: "B's list comes back without TeamRed's messages.",
  },
  {
    operation: 'teamChatsByTeam',
    model: 'TeamChat',
    kind: 'history',
    access: access(N, N, Y, N, Y, Y),
    note: "A team's history, newest first (what the app reads); asking for a team not one's own is refused.",
  },
  {
    operation: 'updateTeamChat',
    model: 'TeamChat',
    kind: 'update',
    access: access(N, N, Y, N, N, Y),
    note: 'Owner only (and the IAM admin role); only the text may change, never `team`.',
  },
  {
    operation: 'deleteTeamChat',
    model: 'TeamChat',
    kind: 'delete',
    access: access(N, N, Y, N, N, Y),
    note: 'Owner only (and the IAM admin role).',
  },
  {
    operation: 'onCreateTeamChat',
    model: 'TeamChat',
    kind: 'subscribe',
    access: access(N, N, Y, F, Y, Y),
    note: 'Re-declared with the generated rules (createTeamChat is a pipeline): a member gets only their teams (filter `team in` their groups; refused past 5 groups), Admins every team; no `filter` argument.',
  },
  {
    operation: 'onUpdateTeamChat',
    model: 'TeamChat',
    kind: 'subscribe',
    access: access(N, N, Y, F, Y, Y),
  },
  {
    operation: 'onDeleteTeamChat',
    model: 'TeamChat',
    kind: 'subscribe',
    access: access(N, N, Y, F, Y, Y),
  },
  {
    operation: 'onCreateTeamChatByTeam',
    model: 'TeamChat',
    kind: 'subscribe',
    access: access(N, N, Y, N, Y, N),
    note: "One team's new messages (what the app subscribes to); its resolver refuses callers outside the team who are not Admins.",
  },
  {
    operation: 'onUpdateTeamChatByTeam',
    model: 'TeamChat',
    kind: 'subscribe',
    access: access(N, N, Y, N, Y, N),
    note: "One team's edits.",
  },
  {
    operation: 'onDeleteTeamChatByTeam',
    model: 'TeamChat',
    kind: 'subscribe',
    access: access(N, N, Y, N, Y, N),
    note: "One team's deletions.",
  },

  // Announcements: published by a trusted server (IAM) or an Admin to groups; nothing stored.
  {
    operation: 'publishAnnouncement',
    model: 'Announcement',
    kind: 'publish',
    access: access(N, N, N, N, Y, Y),
    note: 'To TeamRed. IAM and the Admins group only; the server sets the id.',
  },
  {
    operation: 'onAnnouncement',
    model: 'Announcement',
    kind: 'subscribe',
    access: access(N, N, Y, N, N, N),
    note: 'For `onlyGroups: ["TeamRed"]`: every group asked for must be one of the caller\'s own, Admins included.',
  },
]
