// The rooms list: rooms with their last activity, newest first, at most a fixed number.

export interface RoomActivity {
  name: string
  /** ISO time of the room's newest message, as the server recorded it. */
  lastMessageAt: string
  lastMessagePreview: string
}

/** How many rooms the list shows (and asks the server for). */
export const ROOM_LIST_SIZE = 20

/**
 * Merges rooms into the list: one entry per name, the newer activity wins (an older report that arrives
 * late never takes an entry back), newest first, at most `size`.
 */
export function mergeRoomActivity(
  list: readonly RoomActivity[],
  incoming: readonly RoomActivity[],
  size = ROOM_LIST_SIZE,
): RoomActivity[] {
  const byName = new Map(list.map((room) => [room.name, room]))
  for (const room of incoming) {
    const known = byName.get(room.name)
    if (!known || known.lastMessageAt < room.lastMessageAt) byName.set(room.name, room)
  }
  return [...byName.values()]
    .sort((a, b) => (a.lastMessageAt < b.lastMessageAt ? 1 : a.lastMessageAt > b.lastMessageAt ? -1 : 0))
    .slice(0, size)
}
