import { onScopeDispose, shallowRef } from 'vue'
import type { TimelineEntry } from '../domain/chatMessage'
import type { ChatRoom } from './useChatRoom'
import { defaultLocalStorage, readJson, writeJson } from './localList'

export const OWN_MESSAGES_KEY = 'chat-own-messages'
/** The newest ids kept: enough to mark what a reader scrolls back to, small enough to read at once. */
export const MAX_OWN_MESSAGES = 500

function readIds(storage: Storage | null): string[] {
  const stored = readJson(storage, OWN_MESSAGES_KEY)
  return Array.isArray(stored)
    ? stored.filter((id): id is string => typeof id === 'string').slice(-MAX_OWN_MESSAGES)
    : []
}

/**
 * Which messages this browser sent, where the server cannot say (open and room chats: no sign-in, and a
 * nickname anyone may copy): the ids of the messages it stored for this browser, remembered in
 * localStorage, so "mine" survives a reload and never marks a stranger's message under the same name.
 */
export function useOwnMessages(room: Pick<ChatRoom, 'onTraffic'>, storage = defaultLocalStorage()) {
  const ids = shallowRef<ReadonlySet<string>>(new Set(readIds(storage)))
  const stop = room.onTraffic((event) => {
    if (event.kind !== 'sent' || ids.value.has(event.message.id)) return
    // Read again: another tab of this browser may have added its own since.
    const next = [...readIds(storage), event.message.id].slice(-MAX_OWN_MESSAGES)
    writeJson(storage, OWN_MESSAGES_KEY, next)
    ids.value = new Set(next)
  })
  onScopeDispose(stop)

  /** This browser's message: sent from here and stored, or still on its way from here. */
  return (entry: TimelineEntry): boolean => entry.delivery !== 'sent' || ids.value.has(entry.id)
}
