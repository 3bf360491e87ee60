import { shallowRef } from 'vue'
import type { ChatMessage, TimelineEntry } from '../domain/chatMessage'
import { messageProblem } from '../domain/messageRules'
import type { ChatRoomSource } from '../services/chatRoomSource'
import { errorMessage, isConnectionError } from '../services/errorMessage'
import type { RoomStore } from './roomStore'

export type SendResult = { ok: true } | { ok: false; reason: string; willRetry?: boolean }

/** What the outbox tells the room's confirmed timeline. */
export interface ConfirmedTimeline {
  confirm(messages: readonly ChatMessage[]): void
  forget(id: string): void
}

/** The reason shown on a message kept from before a reload, until it is sent again. */
export const NOT_SENT_BEFORE_RELOAD = 'Not sent before the page reloaded; sending again once connected.'

/**
 * What this browser changes in one room: sends shown at once as pending, then as sent (replaced by the
 * server's message) or as failed with the server's reason until retried or discarded; owner edits and
 * deletions where the source allows them. Like the connection, it lives as long as the room is shown, so
 * an answer that comes back later changes nothing on screen.
 *
 * Unsent messages (pending or failed) are kept in the room's store, so a reload shows them again (as
 * failed, to be sent again). A send that never reached the server (no connection), and every message
 * kept from before a reload, is sent again by `retryStalled`, which the room calls when its connection
 * is back; a message the server refused waits for the user's Retry.
 */
export function createOutbox(
  source: ChatRoomSource,
  timeline: ConfirmedTimeline,
  onSent: (message: ChatMessage) => void,
  store?: RoomStore,
) {
  const restored = store?.readUnsent() ?? []
  const local = shallowRef<readonly TimelineEntry[]>(
    restored.map((entry) => ({ ...entry, delivery: 'failed', error: NOT_SENT_BEFORE_RELOAD })),
  )
  /** Failed for want of a connection: sent again when it is back. */
  const stalled = new Set(restored.map((entry) => entry.id))
  // Ids unique across reloads too, since kept messages come back with theirs.
  const idPrefix = `local-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}-`
  let localCounter = 0

  function setLocal(next: readonly TimelineEntry[]): void {
    local.value = next
    store?.writeUnsent(next)
  }

  function change(id: string, patch: Partial<TimelineEntry> | null): void {
    setLocal(
      local.value.flatMap((entry) =>
        entry.id !== id ? [entry] : patch === null ? [] : [{ ...entry, ...patch }],
      ),
    )
  }

  async function deliver(localId: string, text: string): Promise<SendResult> {
    stalled.delete(localId)
    try {
      const stored = await source.send(text)
      change(localId, null)
      onSent(stored)
      timeline.confirm([stored])
      return { ok: true }
    } catch (error) {
      const reason = errorMessage(error)
      const willRetry = isConnectionError(error)
      if (willRetry) stalled.add(localId)
      change(localId, { delivery: 'failed', error: reason })
      return willRetry ? { ok: false, reason, willRetry } : { ok: false, reason }
    }
  }

  /** Shows the message at once as pending, then as sent, or as failed with the server's reason. */
  function send(text: string): Promise<SendResult> {
    const problem = messageProblem(text)
    if (problem) return Promise.resolve({ ok: false, reason: problem })
    const id = `${idPrefix}${++localCounter}`
    setLocal([
      ...local.value,
      { id, message: text, createdAt: new Date().toISOString(), delivery: 'pending' },
    ])
    return deliver(id, text)
  }

  function retry(localId: string): Promise<SendResult> {
    const entry = local.value.find((e) => e.id === localId)
    if (!entry || entry.delivery === 'pending')
      return Promise.resolve({ ok: false, reason: 'Nothing to retry.' })
    change(localId, { delivery: 'pending', error: undefined })
    return deliver(localId, entry.message)
  }

  /** Sends again, oldest first, every message that failed for want of a connection. */
  async function retryStalled(): Promise<void> {
    for (const entry of local.value.filter((e) => stalled.has(e.id) && e.delivery === 'failed')) {
      const result = await retry(entry.id)
      // Still no connection: the next reconnection tries again, in the same order.
      if (!result.ok && result.willRetry) return
    }
  }

  function discard(localId: string): void {
    stalled.delete(localId)
    change(localId, null)
  }

  /** Owner edit; the subscription brings the same change to everyone else. */
  async function edit(id: string, text: string): Promise<SendResult> {
    const problem = messageProblem(text)
    if (problem) return { ok: false, reason: problem }
    if (!source.update) return { ok: false, reason: 'Messages cannot be edited here.' }
    try {
      timeline.confirm([await source.update(id, text)])
      return { ok: true }
    } catch (error) {
      return { ok: false, reason: errorMessage(error) }
    }
  }

  async function remove(id: string): Promise<SendResult> {
    if (!source.remove) return { ok: false, reason: 'Messages cannot be deleted here.' }
    try {
      await source.remove(id)
      timeline.forget(id)
      return { ok: true }
    } catch (error) {
      return { ok: false, reason: errorMessage(error) }
    }
  }

  return { local, send, retry, retryStalled, discard, edit, remove }
}

export type RoomOutbox = ReturnType<typeof createOutbox>
