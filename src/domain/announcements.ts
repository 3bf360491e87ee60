// Announcements (seed 001's pub/sub): what the client does with them, without Vue or Amplify.

/**
 * How many groups one `onAnnouncement` subscription names. The server allows 8 (AppSync's 10 filter
 * groups per subscription, with room to spare): a user in more groups opens one subscription per 8.
 */
export const GROUPS_PER_SUBSCRIPTION = 8

/** `groups` in chunks of at most `size`, each sorted and without repeats, in a stable order. */
export function splitGroups(groups: readonly string[], size = GROUPS_PER_SUBSCRIPTION): string[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('size must be a positive integer')
  const unique = [...new Set(groups)].sort()
  const chunks: string[][] = []
  for (let start = 0; start < unique.length; start += size) chunks.push(unique.slice(start, start + size))
  return chunks
}

/**
 * The ids seen lately, at most `capacity` of them: an announcement sent to two groups that fall in two of
 * a user's subscriptions arrives twice and is shown once. The oldest id is forgotten first, so memory stays
 * bounded however long the page stays open (a repeat that old is no longer recognised).
 */
export function createSeenIds(capacity = 500) {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer')
  const ring: (string | undefined)[] = new Array<string | undefined>(capacity)
  const seen = new Set<string>()
  let next = 0
  return {
    /** True the first time `id` is offered (and remembers it); false for a repeat. */
    add(id: string): boolean {
      if (seen.has(id)) return false
      const oldest = ring[next]
      if (oldest !== undefined) seen.delete(oldest)
      ring[next] = id
      next = (next + 1) % capacity
      seen.add(id)
      return true
    },
    has: (id: string): boolean => seen.has(id),
    get size(): number {
      return seen.size
    },
  }
}

export type SeenIds = ReturnType<typeof createSeenIds>

/** One announcement as the app shows it. */
export interface Announcement {
  id: string
  topic: string
  /** The text: `data.message` when the data has one, else the data as JSON. */
  text: string
  groups: string[]
  publishedAt: string
}

/**
 * The topic rule the server's resolver enforces, checked here too so an Admin learns before sending; the
 * server takes up to 10,000 characters of JSON data, the form keeps a message to a chat message's length.
 */
export const TOPIC_PATTERN = /^[A-Za-z0-9:/._-]{1,128}$/
export const MAX_ANNOUNCEMENT_LENGTH = 2000

/** Why an announcement cannot be sent, or null when it can. */
export function announcementProblem(topic: string, text: string, groups: readonly string[]): string | null {
  if (!TOPIC_PATTERN.test(topic)) return "A topic is 1 to 128 letters, digits, ':', '/', '.', '-' or '_'."
  if (text.trim().length === 0) return 'Write the announcement first.'
  if (text.length > MAX_ANNOUNCEMENT_LENGTH)
    return `An announcement has at most ${MAX_ANNOUNCEMENT_LENGTH} characters.`
  if (groups.length === 0) return 'Choose at least one group.'
  return null
}

/** The text to show for an announcement's JSON data (AWSJSON arrives as a string). */
export function announcementText(data: unknown): string {
  let value = data
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      return value as string
    }
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { message?: unknown }).message === 'string'
  )
    return (value as { message: string }).message
  return JSON.stringify(value)
}
