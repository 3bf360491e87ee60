// Presence and typing in a room: pure bookkeeping of who announced what and when, and when it expires.
// Nothing is stored on the server; every entry here expires on its own.

/** A client announces it is here this often... */
export const PRESENCE_HEARTBEAT_MS = 15_000
/** ...and is dropped when nothing came for about two heartbeats. */
export const PRESENCE_TTL_MS = 2 * PRESENCE_HEARTBEAT_MS + 5_000
/** A typing notice is sent at most this often while typing... */
export const TYPING_INTERVAL_MS = 2_000
/** ...and shows for this long after the last one. */
export const TYPING_TTL_MS = 5_000

export const NICKNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,31}$/

/** A nickname as messages and the editor show it: "~", as chat apps mark a name nobody vouched for. */
export const nicknameLabel = (name: string): string => `~${name}`

/** Why `name` cannot be a nickname (the server's rule), or null when it can. */
export function nicknameProblem(name: string): string | null {
  if (name.length === 0) return 'Enter a nickname.'
  if (name.length > 32) return 'A nickname has at most 32 characters.'
  if (!NICKNAME_PATTERN.test(name))
    return 'Use letters, digits, spaces, ".", "-" and "_", starting with a letter or digit.'
  return null
}

export interface SignalEntry {
  clientId: string
  nickname: string
  /** Local clock time (ms) after which the entry is dropped. */
  expiresAt: number
}

export type Roster = ReadonlyMap<string, SignalEntry>

/** Records a signal from `clientId`, valid for `ttl` from `now` (local time: clocks of others may differ). */
export function noteSignal(
  roster: Roster,
  clientId: string,
  nickname: string,
  now: number,
  ttl: number,
): Roster {
  const next = new Map(roster)
  next.set(clientId, { clientId, nickname, expiresAt: now + ttl })
  return next
}

export function dropSignal(roster: Roster, clientId: string): Roster {
  if (!roster.has(clientId)) return roster
  const next = new Map(roster)
  next.delete(clientId)
  return next
}

/** The roster without what expired by `now` (the same roster when nothing did). */
export function expireSignals(roster: Roster, now: number): Roster {
  let next: Map<string, SignalEntry> | null = null
  for (const [id, entry] of roster) {
    if (entry.expiresAt > now) continue
    next ??= new Map(roster)
    next.delete(id)
  }
  return next ?? roster
}

/** When the next entry expires, or null for an empty roster. */
export function nextExpiry(roster: Roster): number | null {
  let soonest: number | null = null
  for (const entry of roster.values())
    if (soonest === null || entry.expiresAt < soonest) soonest = entry.expiresAt
  return soonest
}

/** The distinct nicknames of a roster, in alphabetical order (two tabs of one person show once). */
export function nicknames(roster: Roster, exceptClientId?: string): string[] {
  const names = new Set<string>()
  for (const entry of roster.values()) if (entry.clientId !== exceptClientId) names.add(entry.nickname)
  return [...names].sort((a, b) => a.localeCompare(b))
}

/**
 * "~Ann is typing", "~Ann and ~Bob are typing", "~Ann, ~Bob and 2 others are typing", or "" for nobody:
 * nicknames, marked as messages mark them.
 */
export function typingText(typists: readonly string[]): string {
  const names = typists.map(nicknameLabel)
  if (names.length === 0) return ''
  if (names.length === 1) return `${names[0]} is typing…`
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`
  return `${names[0]}, ${names[1]} and ${names.length - 2} others are typing…`
}

/**
 * A throttle on the caller's clock: `ready(now)` is true at most once every `interval` ms and records
 * the time when it is.
 */
export function createThrottle(interval: number) {
  let last = Number.NEGATIVE_INFINITY
  return {
    ready(now: number): boolean {
      if (now - last < interval) return false
      last = now
      return true
    },
    reset(): void {
      last = Number.NEGATIVE_INFINITY
    },
  }
}
