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

/**
 * Merges server messages into a sorted timeline: one entry per id, oldest first.
 * Returns the same array when nothing changes, so a duplicate delivery causes no re-render.
 * Ids in `deleted` never come back, whichever of fetch or subscription reports them later.
 */
export function mergeMessages(
  timeline: readonly TimelineEntry[],
  incoming: readonly ChatMessage[],
  deleted: ReadonlySet<string> = new Set(),
): readonly TimelineEntry[] {
  const fresh = incoming.filter((m) => !deleted.has(m.id))
  if (fresh.length === 0) return timeline

  const last = timeline[timeline.length - 1]
  const byId = new Map<string, number>()
  timeline.forEach((entry, index) => byId.set(entry.id, index))

  // Fast path, the common live case: every message is new and newer than everything shown.
  const incomingIds = new Set(fresh.map((m) => m.id))
  const allNewAndLater =
    incomingIds.size === fresh.length &&
    fresh.every((m) => !byId.has(m.id) && (!last || compareMessages(last, m) < 0))
  if (allNewAndLater) {
    return [
      ...timeline,
      ...[...fresh].sort(compareMessages).map((m) => ({ ...m, delivery: 'sent' as const })),
    ]
  }

  const merged = new Map<string, TimelineEntry>()
  for (const entry of timeline) merged.set(entry.id, entry)
  let changed = false
  for (const message of fresh) {
    const current = merged.get(message.id)
    if (current && !isNewer(message, current)) continue
    if (current && sameContent(current, message)) continue
    merged.set(message.id, { ...message, delivery: 'sent' })
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

export function removeMessage(timeline: readonly TimelineEntry[], id: string): readonly TimelineEntry[] {
  const index = timeline.findIndex((entry) => entry.id === id)
  if (index < 0) return timeline
  return [...timeline.slice(0, index), ...timeline.slice(index + 1)]
}

/** The createdAt of the newest message shown, the point from which to catch up after a disconnection. */
export function newestCreatedAt(timeline: readonly TimelineEntry[]): string | null {
  return timeline.length > 0 ? timeline[timeline.length - 1].createdAt : null
}
