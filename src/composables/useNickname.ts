import { ref } from 'vue'
import { nicknameProblem } from '../domain/roomSignals'
import { defaultLocalStorage } from './localList'

// The name this browser shows to others in presence and typing. Unverified: anyone may pick any name.
// A stand-in until the app has one nickname for messages and presence; replace the key and the
// accessor together.
export const NICKNAME_KEY = 'chat-nickname'

function guestName(): string {
  return `Guest ${Math.floor(1000 + Math.random() * 9000)}`
}

export function useNickname(storage: Storage | null = defaultLocalStorage()) {
  let stored: string | null
  try {
    stored = storage?.getItem(NICKNAME_KEY) ?? null
  } catch {
    stored = null
  }
  const nickname = ref(stored !== null && nicknameProblem(stored) === null ? stored : guestName())
  return {
    nickname,
    /** Sets and remembers a nickname; returns why it was refused, or null. */
    setNickname(name: string): string | null {
      const trimmed = name.trim()
      const problem = nicknameProblem(trimmed)
      if (problem) return problem
      nickname.value = trimmed
      try {
        storage?.setItem(NICKNAME_KEY, trimmed)
      } catch {
        // Storage unavailable: the name holds for this visit.
      }
      return null
    },
  }
}
