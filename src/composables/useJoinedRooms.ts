import { ref } from 'vue'
import { DEFAULT_ROOMS, isValidRoomName } from '../domain/messageRules'
import { defaultLocalStorage, readJson, writeJson } from './localList'

/** The rooms this browser joined, remembered across visits (localStorage). */
export const JOINED_ROOMS_KEY = 'chat-joined-rooms'
/** At most this many rooms are remembered; joining one more forgets the oldest joined. */
export const MAX_JOINED_ROOMS = 20

/** What is stored, cleaned: valid room names only, each once, at most MAX_JOINED_ROOMS. */
export function parseJoinedRooms(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null
  const names = value.filter((name): name is string => typeof name === 'string' && isValidRoomName(name))
  return [...new Set(names)].slice(-MAX_JOINED_ROOMS)
}

/**
 * The tabs of the room chat: the rooms joined, in the order joined, kept in localStorage (the default
 * rooms on a first visit). Leaving a room removes its tab; the list may become empty.
 */
export function useJoinedRooms(storage: Storage | null = defaultLocalStorage()) {
  const joined = ref<string[]>(parseJoinedRooms(readJson(storage, JOINED_ROOMS_KEY)) ?? [...DEFAULT_ROOMS])

  function save(next: string[]): void {
    joined.value = next
    writeJson(storage, JOINED_ROOMS_KEY, next)
  }

  return {
    joined,
    join(name: string): void {
      if (!isValidRoomName(name) || joined.value.includes(name)) return
      save([...joined.value, name].slice(-MAX_JOINED_ROOMS))
    },
    leave(name: string): void {
      if (joined.value.includes(name)) save(joined.value.filter((room) => room !== name))
    },
  }
}
