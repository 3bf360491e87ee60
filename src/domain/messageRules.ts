// The same limits the server's resolvers enforce; checked here too so the user learns before sending.

export const MAX_MESSAGE_LENGTH = 2000

/** Why `text` cannot be sent, or null when it can. */
export function messageProblem(text: string): string | null {
  if (text.trim().length === 0) return 'Write a message first.'
  if (text.length > MAX_MESSAGE_LENGTH) return `A message has at most ${MAX_MESSAGE_LENGTH} characters.`
  return null
}

export const ROOM_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export const DEFAULT_ROOMS: readonly string[] = ['room1', 'room2']

export function isValidRoomName(name: string): boolean {
  return ROOM_NAME_PATTERN.test(name)
}

/** Why `name` is not a room name, or null when it is. */
export function roomNameProblem(name: string): string | null {
  if (name.length === 0) return 'Enter a room name.'
  if (name.length > 64) return 'A room name has at most 64 characters.'
  if (!isValidRoomName(name)) return 'Use only letters, digits, "-" and "_".'
  return null
}
