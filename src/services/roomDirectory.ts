import { ModelSortDirection } from '../API'
import type { Room } from '../API'
import { touchRoom } from '../graphql/mutations'
import { roomsByActivity } from '../graphql/queries'
import { onTouchRoom } from '../graphql/subscriptions'
import type { RoomActivity } from '../domain/roomList'
import type { ChatClient, Unsubscribable } from './chatFeeds'
import { errorMessage } from './errorMessage'

// The rooms list served by the API (the `Room` model, written only by the `touchRoom` pipeline from the
// rooms' stored messages): read the most recent rooms, bring a room up to date after a post, and follow
// every room brought up to date. All with the API key, as the room chat.

/** The value every Room carries in its index key, so rooms can be read by last activity. */
export const ROOM_KIND = 'room'

const toActivity = (room: Pick<Room, 'name' | 'lastMessageAt' | 'lastMessagePreview'>): RoomActivity => ({
  name: room.name,
  lastMessageAt: room.lastMessageAt,
  lastMessagePreview: room.lastMessagePreview,
})

export interface RoomDirectory {
  /** The `limit` rooms with the newest messages, newest first. */
  recent(limit: number): Promise<RoomActivity[]>
  /** Brings a room's entry up to date from its newest stored message (after a post). */
  touch(roomName: string): Promise<RoomActivity>
  /** Every room brought up to date, by anyone. */
  follow(next: (room: RoomActivity) => void, error: (reason: string) => void): Unsubscribable
}

export function createRoomDirectory(client: ChatClient): RoomDirectory {
  return {
    async recent(limit) {
      const result = await client.graphql({
        query: roomsByActivity,
        variables: { kind: ROOM_KIND, sortDirection: ModelSortDirection.DESC, limit },
        authMode: 'apiKey',
      })
      return (result.data.roomsByActivity?.items ?? [])
        .filter((room): room is NonNullable<typeof room> => room !== null)
        .map(toActivity)
    },
    async touch(roomName) {
      const result = await client.graphql({ query: touchRoom, variables: { roomName }, authMode: 'apiKey' })
      if (!result.data.touchRoom) throw new Error(`Room ${roomName} was not recorded.`)
      return toActivity(result.data.touchRoom)
    },
    follow(next, error) {
      return client.graphql({ query: onTouchRoom, authMode: 'apiKey' }).subscribe({
        next: ({ data }) => {
          if (data.onTouchRoom) next(toActivity(data.onTouchRoom))
        },
        error: (reason: unknown) => error(errorMessage(reason)),
      })
    },
  }
}
