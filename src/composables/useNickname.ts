import { readonly, ref } from 'vue'
import type { Ref } from 'vue'
import { nicknameProblem } from '../domain/roomSignals'
import { defaultLocalStorage } from './localList'

// The name this browser posts under in the open and room chats, and shows in presence and typing.
// Unverified: anyone may pick any name, and the pages say so.
export const NICKNAME_KEY = 'chat-nickname'

function guestName(): string {
  return `Guest ${Math.floor(1000 + Math.random() * 9000)}`
}

export interface Nickname {
  nickname: Readonly<Ref<string>>
  /** Sets and remembers a nickname; returns why it was refused, or null. */
  setNickname(name: string): string | null
}

/**
 * A nickname kept in `storage`: the one remembered there, else a guest name, remembered at once so the
 * browser posts under one name across visits until its user picks another.
 */
export function createNickname(storage: Storage | null): Nickname {
  let stored: string | null
  try {
    stored = storage?.getItem(NICKNAME_KEY) ?? null
  } catch {
    stored = null
  }
  const nickname = ref(stored !== null && nicknameProblem(stored) === null ? stored : guestName())
  const remember = (name: string) => {
    try {
      storage?.setItem(NICKNAME_KEY, name)
    } catch {
      // Storage unavailable: the name holds for this visit.
    }
  }
  if (stored !== nickname.value) remember(nickname.value)
  return {
    nickname: readonly(nickname),
    setNickname(name) {
      const trimmed = name.trim()
      const problem = nicknameProblem(trimmed)
      if (problem) return problem
      nickname.value = trimmed
      remember(trimmed)
      return null
    },
  }
}

let appNickname: Nickname | null = null

/** The browser's nickname, one for every page (the open chat, the room chat, presence and typing). */
export function useNickname(): Nickname {
  appNickname ??= createNickname(defaultLocalStorage())
  return appNickname
}
