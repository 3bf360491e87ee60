import { shallowRef } from 'vue'
import type { ChatMessage, TimelineEntry } from '../domain/chatMessage'
import { messageProblem } from '../domain/messageRules'
import type { ChatRoomSource } from '../services/chatRoomSource'
import { errorMessage } from '../services/errorMessage'

export type SendResult = { ok: true } | { ok: false; reason: string }

/** What the outbox tells the room's confirmed timeline. */
export interface ConfirmedTimeline {
  confirm(messages: readonly ChatMessage[]): void
  forget(id: string): void
}

/**
 * What this browser changes in one room: sends shown at once as pending, then as sent (replaced by the
 * server's message) or as failed with the server's reason until retried or discarded; owner edits and
 * deletions where the source allows them. Like the connection, it lives as long as the room is shown, so
 * an answer that comes back later changes nothing on screen.
 */
export function createOutbox(
  source: ChatRoomSource,
  timeline: ConfirmedTimeline,
  onSent: (message: ChatMessage) => void,
) {
  const local = shallowRef<readonly TimelineEntry[]>([])
  let localCounter = 0

  function setLocal(id: string, change: Partial<TimelineEntry> | null): void {
    local.value = local.value.flatMap((entry) =>
      entry.id !== id ? [entry] : change === null ? [] : [{ ...entry, ...change }],
    )
  }

  async function deliver(localId: string, text: string): Promise<SendResult> {
    try {
      const stored = await source.send(text)
      setLocal(localId, null)
      onSent(stored)
      timeline.confirm([stored])
      return { ok: true }
    } catch (error) {
      const reason = errorMessage(error)
      setLocal(localId, { delivery: 'failed', error: reason })
      return { ok: false, reason }
    }
  }

  /** Shows the message at once as pending, then as sent, or as failed with the server's reason. */
  function send(text: string): Promise<SendResult> {
    const problem = messageProblem(text)
    if (problem) return Promise.resolve({ ok: false, reason: problem })
    const id = `local-${++localCounter}`
    local.value = [
      ...local.value,
      { id, message: text, createdAt: new Date().toISOString(), delivery: 'pending' },
    ]
    return deliver(id, text)
  }

  function retry(localId: string): Promise<SendResult> {
    const entry = local.value.find((e) => e.id === localId)
    if (!entry) return Promise.resolve({ ok: false, reason: 'Nothing to retry.' })
    setLocal(localId, { delivery: 'pending', error: undefined })
    return deliver(localId, entry.message)
  }

  function discard(localId: string): void {
    setLocal(localId, null)
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

  return { local, send, retry, discard, edit, remove }
}

export type RoomOutbox = ReturnType<typeof createOutbox>
