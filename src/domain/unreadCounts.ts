// Unread counts per room, from the rooms list's activity reports: a report counts when its room's newest
// message is newer than the one known, and the reader is not looking at that room (another room is shown,
// or the browser tab is hidden). Each newer `lastMessageAt` is at least one new message; two messages
// posted in the same instant may be reported once, so a count can be one short, never more.

export interface UnreadState {
  /** Newest message time known per room (seen or not). */
  newest: Record<string, string>
  counts: Record<string, number>
}

export const emptyUnread = (): UnreadState => ({ newest: {}, counts: {} })

/** Records what the list knew when it was loaded: nothing in it is unread. */
export function knowActivity(state: UnreadState, rooms: readonly { name: string; lastMessageAt: string }[]) {
  const newest = { ...state.newest }
  for (const room of rooms)
    if (!newest[room.name] || newest[room.name] < room.lastMessageAt) newest[room.name] = room.lastMessageAt
  return { ...state, newest }
}

/**
 * One activity report. `watched` is whether the room counts at all (a room the reader joined); `reading`
 * whether the reader is looking at it right now. Returns the state and whether it counted as unread.
 */
export function countActivity(
  state: UnreadState,
  room: { name: string; lastMessageAt: string },
  { watched, reading }: { watched: boolean; reading: boolean },
): { state: UnreadState; counted: boolean } {
  const known = state.newest[room.name]
  if (known !== undefined && known >= room.lastMessageAt) return { state, counted: false }
  const newest = { ...state.newest, [room.name]: room.lastMessageAt }
  if (!watched || reading) return { state: { ...state, newest }, counted: false }
  const counts = { ...state.counts, [room.name]: (state.counts[room.name] ?? 0) + 1 }
  return { state: { newest, counts }, counted: true }
}

/** The reader looked at the room: nothing in it is unread any more. */
export function markRead(state: UnreadState, name: string): UnreadState {
  if (!state.counts[name]) return state
  const counts = { ...state.counts }
  delete counts[name]
  return { ...state, counts }
}

export const totalUnread = (state: UnreadState): number =>
  Object.values(state.counts).reduce((sum, count) => sum + count, 0)

/** The page title with the unread total in front ("(3) Room Chat · ..."), or without it for zero. */
export function titleWithUnread(title: string, total: number): string {
  const base = title.replace(/^\(\d+\+?\) /, '')
  return total > 0 ? `(${total > 99 ? '99+' : total}) ${base}` : base
}
