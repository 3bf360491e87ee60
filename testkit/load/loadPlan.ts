import { createCloseRoomChat, createOpenChat, createRoomChat } from '../../src/graphql/mutations'
import { closeRoomChatsByRoomName, openChatsByChannel, roomChatsByRoomName } from '../../src/graphql/queries'
import {
  onCreateCloseRoomChatByRoomName,
  onCreateOpenChat,
  onCreateRoomChatByRoomName,
} from '../../src/graphql/subscriptions'

/** The three chats of the app: the open chat (one channel), room chats, closed rooms (owners post). */
export type RoomKind = 'open' | 'room' | 'closed'

/** How a subscriber reads: the API key (anyone, signed out) or a signed-in user's token. */
export type ReaderAuth = 'apiKey' | 'userPool'

export interface LoadRoom {
  index: number
  kind: RoomKind
  /** roomName for room and closed chats; the open chat's channel for the open chat. */
  name: string
  /** One entry per subscriber of the room, each its own WebSocket. */
  readers: ReaderAuth[]
}

export interface LoadShape {
  rooms: number
  subscribersPerRoom: number
}

/** The open chat's single partition, as the app's chatApi has it. */
export const OPEN_CHANNEL = 'open'

/**
 * Room 0 is the open chat; the others alternate between room chats and closed rooms. In a closed room,
 * half the subscribers read with the API key (signed out) and half are signed-in owners, as in the app.
 */
export function planRooms(shape: LoadShape, runId: string): LoadRoom[] {
  return Array.from({ length: shape.rooms }, (_, index) => {
    const kind: RoomKind = index === 0 ? 'open' : index % 2 === 1 ? 'room' : 'closed'
    const readers = Array.from({ length: shape.subscribersPerRoom }, (_, reader): ReaderAuth =>
      kind === 'closed' && reader % 2 === 1 ? 'userPool' : 'apiKey',
    )
    return { index, kind, name: kind === 'open' ? OPEN_CHANNEL : `load-${runId}-${kind}-${index}`, readers }
  })
}

/** Identifies a room across kinds: a room chat and a closed room may share a name. */
export function roomKey(kind: RoomKind, name: string): string {
  return `${kind}:${name}`
}

/** The generated operations the app uses for each kind of room, and how to read their results. */
export const roomOperations = {
  open: {
    subscription: onCreateOpenChat,
    subscriptionVariables: (): Record<string, unknown> => ({}),
    mutation: createOpenChat,
    mutationInput: (_room: LoadRoom, message: string) => ({ message }),
    history: openChatsByChannel,
    historyField: 'openChatsByChannel',
    historyVariables: (room: LoadRoom) => ({ channel: room.name }),
    /** The room an item belongs to, from the item itself. */
    itemRoom: (item: Record<string, unknown>) => String(item.channel ?? OPEN_CHANNEL),
  },
  room: {
    subscription: onCreateRoomChatByRoomName,
    subscriptionVariables: (room: LoadRoom): Record<string, unknown> => ({ roomName: room.name }),
    mutation: createRoomChat,
    mutationInput: (room: LoadRoom, message: string) => ({ roomName: room.name, message }),
    history: roomChatsByRoomName,
    historyField: 'roomChatsByRoomName',
    historyVariables: (room: LoadRoom) => ({ roomName: room.name }),
    itemRoom: (item: Record<string, unknown>) => String(item.roomName),
  },
  closed: {
    subscription: onCreateCloseRoomChatByRoomName,
    subscriptionVariables: (room: LoadRoom): Record<string, unknown> => ({ roomName: room.name }),
    mutation: createCloseRoomChat,
    mutationInput: (room: LoadRoom, message: string) => ({ roomName: room.name, message }),
    history: closeRoomChatsByRoomName,
    historyField: 'closeRoomChatsByRoomName',
    historyVariables: (room: LoadRoom) => ({ roomName: room.name }),
    itemRoom: (item: Record<string, unknown>) => String(item.roomName),
  },
} as const
