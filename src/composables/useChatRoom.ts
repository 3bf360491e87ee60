import { computed, ref, shallowRef, toValue, watch } from 'vue'
import type { Ref } from 'vue'
import type { MaybeRefOrGetter } from 'vue'
import type { ChatMessage, TimelineEntry } from '../domain/chatMessage'
import { messageProblem } from '../domain/messageRules'
import type { ChatRoomSource } from '../services/chatRoomSource'
import { amplifyRealtimeEvents } from '../services/realtimeEvents'
import type { LinkState, RealtimeEvents } from '../services/realtimeEvents'
import { connectRoom } from './roomConnection'
import type { RoomConnection } from './roomConnection'
import { createOutbox } from './roomOutbox'
import type { RoomOutbox, SendResult } from './roomOutbox'
import { roomStore } from './roomStore'
import type { RoomStore } from './roomStore'

export type { SendResult } from './roomOutbox'

export interface UseChatRoomOptions {
  /** The room to show; null shows nothing and opens nothing (e.g. while the auth state is unknown). */
  source: MaybeRefOrGetter<ChatRoomSource | null>
  realtime?: RealtimeEvents
  pageSize?: number
  /** Where each room keeps its draft and unsent messages across reloads (default: sessionStorage). */
  store?: (key: string) => RoomStore
}

/** What went through the room shown, for views that list it (the two-column view). */
export type RoomTraffic =
  { kind: 'sent'; message: ChatMessage } | { kind: 'delivered'; message: ChatMessage } | { kind: 'left' }

const DEFAULT_PAGE_SIZE = 50
const NOTHING: readonly TimelineEntry[] = []
const refuse = (reason: string): Promise<SendResult> => Promise.resolve({ ok: false, reason })

/**
 * Shows one room live: its connection and history (roomConnection.ts) and this browser's sends, edits
 * and deletions (roomOutbox.ts), as one timeline. Each source shown gets a fresh connection and outbox;
 * when the source changes or the owner's scope ends, Vue's watcher cleanup aborts them, which closes
 * every subscription, and whatever answers later lands in state nobody shows.
 */
export function useChatRoom(options: UseChatRoomOptions) {
  const realtime = options.realtime ?? amplifyRealtimeEvents
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE
  const listeners = new Set<(event: RoomTraffic) => void>()
  const storeFor = options.store ?? ((key: string) => roomStore(key))
  const shown = shallowRef<{ connection: RoomConnection; outbox: RoomOutbox; draft: Ref<string> } | null>(
    null,
  )

  watch(
    () => toValue(options.source),
    (source, _previous, onCleanup) => {
      if (!source) return
      const left = new AbortController()
      const report = (event: RoomTraffic) => {
        if (!left.signal.aborted) listeners.forEach((listener) => listener(event))
      }
      const connection = connectRoom(source, {
        realtime,
        pageSize,
        signal: left.signal,
        onDelivered: (message) => report({ kind: 'delivered', message }),
      })
      const store = storeFor(source.key)
      const outbox = createOutbox(source, connection, (message) => report({ kind: 'sent', message }), store)
      const draft = ref(store.readDraft())
      const stopDraft = watch(draft, (text) => store.writeDraft(text))
      // Whenever the room's connection is (back) up, what could not be sent for want of it goes out.
      const stopRetry = watch(
        connection.link,
        (state) => {
          if (state === 'connected') void outbox.retryStalled()
        },
        { immediate: true },
      )
      shown.value = { connection, outbox, draft }
      onCleanup(() => {
        stopDraft()
        stopRetry()
        left.abort()
        shown.value = null
        listeners.forEach((listener) => listener({ kind: 'left' }))
      })
    },
    { immediate: true },
  )

  const connection = () => shown.value?.connection
  const outbox = () => shown.value?.outbox

  return {
    timeline: computed<readonly TimelineEntry[]>(() => {
      const confirmed = connection()?.confirmed.value ?? NOTHING
      const local = outbox()?.local.value ?? NOTHING
      return local.length === 0 ? confirmed : [...confirmed, ...local]
    }),
    /** The composer's text for the room shown, kept across reloads until sent. */
    draft: computed(() => shown.value?.draft.value ?? ''),
    setDraft: (text: string): void => {
      if (shown.value) shown.value.draft.value = text
    },
    link: computed<LinkState>(() => connection()?.link.value ?? 'connecting'),
    historyLoaded: computed(() => connection()?.historyLoaded.value ?? false),
    hasOlder: computed(() => connection()?.hasOlder.value ?? false),
    loadingOlder: computed(() => connection()?.loadingOlder.value ?? false),
    loadError: computed(() => connection()?.loadError.value ?? null),
    /** Tries to reopen a dropped real-time connection at once (the chip's "Reconnect now"). */
    reconnect: (): void => realtime.reconnect(),
    /** Loads the page older than everything shown (scrolling up). */
    loadOlder: (): Promise<void> => connection()?.loadOlder() ?? Promise.resolve(),
    /** Fetches again after a failed load (the Retry of the error banner). */
    reload: (): Promise<void> => connection()?.reload() ?? Promise.resolve(),
    send: (text: string) => outbox()?.send(text) ?? refuse(messageProblem(text) ?? 'The room is closed.'),
    retry: (localId: string) => outbox()?.retry(localId) ?? refuse('Nothing to retry.'),
    discard: (localId: string): void => outbox()?.discard(localId),
    edit: (id: string, text: string) =>
      outbox()?.edit(id, text) ?? refuse(messageProblem(text) ?? 'Messages cannot be edited here.'),
    remove: (id: string) => outbox()?.remove(id) ?? refuse('Messages cannot be deleted here.'),
    /** Listens to what is sent and delivered in the room shown, and to the room being left. */
    onTraffic(listener: (event: RoomTraffic) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export type ChatRoom = ReturnType<typeof useChatRoom>
