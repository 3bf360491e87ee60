import { getCurrentScope, onScopeDispose, shallowRef } from 'vue'
import type { ShallowRef } from 'vue'
import type { ChatMessage } from '../domain/chatMessage'
import type { ChatRoom } from './useChatRoom'

/** A message that went through one side of the two-column view. */
export interface LoggedMessage {
  key: string
  message: ChatMessage
}

const DEFAULT_LOG_SIZE = 200

/**
 * The two-column view's lists: what this browser sent (as the mutation returned it) and what the
 * subscriptions delivered, the newest `size` of each, emptied when the room is left. Kept by the panel
 * that holds the view, from its mount, so the view shows what went through before it was switched on.
 */
export function useTwoColumnLogs(room: Pick<ChatRoom, 'onTraffic'>, size = DEFAULT_LOG_SIZE) {
  const sent = shallowRef<readonly LoggedMessage[]>([])
  const delivered = shallowRef<readonly LoggedMessage[]>([])
  let counter = 0

  function append(log: ShallowRef<readonly LoggedMessage[]>, message: ChatMessage): void {
    const next = [...log.value, { key: `${++counter}`, message }]
    log.value = next.length > size ? next.slice(next.length - size) : next
  }

  const stop = room.onTraffic((event) => {
    if (event.kind === 'left') {
      sent.value = []
      delivered.value = []
    } else append(event.kind === 'sent' ? sent : delivered, event.message)
  })
  if (getCurrentScope()) onScopeDispose(stop)

  return { sent, delivered }
}
