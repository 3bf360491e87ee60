import { asSent } from './chatMessage'
import type { ChatMessage, TimelineEntry } from './chatMessage'

/** Oldest first; the id breaks ties so two messages in the same millisecond keep a stable order. */
export function compareMessages(a: ChatMessage, b: ChatMessage): number {
  if (a.createdAt < b.createdAt) return -1
  if (a.createdAt > b.createdAt) return 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Whether `incoming` should replace `current` for the same id: the later edit wins. */
function isNewer(incoming: ChatMessage, current: ChatMessage): boolean {
  return (incoming.updatedAt ?? incoming.createdAt) >= (current.updatedAt ?? current.createdAt)
}

const NO_IDS: ReadonlySet<string> = new Set()

/**
 * Merges server messages into a sorted timeline: one entry per id, oldest first.
 * Returns the same array when nothing changes, so a duplicate delivery causes no re-render.
 * Ids in `deleted` never come back, whichever of fetch or subscription reports them later.
 */
export function mergeMessages(
  timeline: readonly TimelineEntry[],
  incoming: readonly ChatMessage[],
  deleted: ReadonlySet<string> = NO_IDS,
): readonly TimelineEntry[] {
  const fresh = deleted.size === 0 ? incoming : incoming.filter((m) => !deleted.has(m.id))
  if (fresh.length === 0) return timeline

  // Fast paths, without a lookup of every id shown (a long room's first page, each live message, each
  // older page): the batch, strictly ordered (so no id twice), lies wholly after or wholly before the
  // timeline. A message keeps its createdAt for life, so an id shown cannot come back from past either end.
  const ordered = strictlyOrdered(fresh)
  if (ordered) {
    const first = timeline[0]
    const last = timeline[timeline.length - 1]
    if (!last || compareMessages(last, ordered[0]) < 0) return timeline.concat(ordered.map(asSent))
    if (compareMessages(ordered[ordered.length - 1], first) < 0) return ordered.map(asSent).concat(timeline)
  }

  const merged = new Map<string, TimelineEntry>()
  for (const entry of timeline) merged.set(entry.id, entry)
  let changed = false
  for (const message of fresh) {
    const current = merged.get(message.id)
    if (current && !isNewer(message, current)) continue
    if (current && sameContent(current, message)) continue
    merged.set(message.id, asSent(message))
    changed = true
  }
  if (!changed) return timeline
  return [...merged.values()].sort(compareMessages)
}

function sameContent(a: ChatMessage, b: ChatMessage): boolean {
  return (
    a.message === b.message &&
    a.createdAt === b.createdAt &&
    (a.updatedAt ?? null) === (b.updatedAt ?? null) &&
    (a.authorName ?? null) === (b.authorName ?? null) &&
    (a.owner ?? null) === (b.owner ?? null)
  )
}

/** The messages oldest first when they are already in strict order one way or the other, else null. */
function strictlyOrdered(messages: readonly ChatMessage[]): readonly ChatMessage[] | null {
  if (messages.length < 2) return messages
  const ascending = compareMessages(messages[0], messages[1]) < 0
  for (let i = 1; i < messages.length; i++) {
    const order = compareMessages(messages[i - 1], messages[i])
    if (order === 0 || order < 0 !== ascending) return null
  }
  return ascending ? messages : [...messages].reverse()
}

export function removeMessage(timeline: readonly TimelineEntry[], id: string): readonly TimelineEntry[] {
  const index = timeline.findIndex((entry) => entry.id === id)
  if (index < 0) return timeline
  return [...timeline.slice(0, index), ...timeline.slice(index + 1)]
}

/** The createdAt of the newest message shown, the point from which to catch up after a disconnection. */
export function newestCreatedAt(timeline: readonly TimelineEntry[]): string | null {
  return timeline.length > 0 ? timeline[timeline.length - 1].createdAt : null
}
