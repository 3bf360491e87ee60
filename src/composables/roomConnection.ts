import { computed, ref, shallowRef } from 'vue'
import type { ChatMessage, TimelineEntry } from '../domain/chatMessage'
import { mergeMessages, newestCreatedAt, removeMessage } from '../domain/timeline'
import type { ChatRoomSource, RoomEvents } from '../services/chatRoomSource'
import { errorMessage } from '../services/errorMessage'
import type { LinkState, RealtimeEvents } from '../services/realtimeEvents'

export interface RoomConnectionOptions {
  realtime: RealtimeEvents
  pageSize: number
  /** Aborted when the room is left: closes its subscriptions, and what they report later is dropped. */
  signal: AbortSignal
  /** Each create or update the subscriptions deliver. */
  onDelivered(message: ChatMessage): void
}

/** Passes the source's events on only while the room is shown (a source may report after closing). */
function whileOpen(signal: AbortSignal, events: RoomEvents): RoomEvents {
  const open =
    <A extends unknown[]>(handle: (...args: A) => void) =>
    (...args: A) => {
      if (!signal.aborted) handle(...args)
    }
  return {
    onCreate: open(events.onCreate),
    onUpdate: open(events.onUpdate),
    onDelete: open(events.onDelete),
    onReady: open(events.onReady),
    onError: open(events.onError),
  }
}

/**
 * One room's connection and history, for as long as it is shown: subscribe first, fetch the history
 * only once the subscriptions are acknowledged (so nothing created in between is lost), merge both into
 * the confirmed timeline by id, catch up after each reconnection, load older pages on request.
 *
 * Each room shown gets its own connection and its own state, so an answer that comes back after the
 * room was left lands in state nobody shows any more: it is dropped without a check.
 */
export function connectRoom(source: ChatRoomSource, options: RoomConnectionOptions) {
  const { realtime, pageSize, signal, onDelivered } = options
  const confirmed = shallowRef<readonly TimelineEntry[]>([])
  const link = ref<LinkState>('connecting')
  const historyLoaded = ref(false)
  const loadingOlder = ref(false)
  const olderToken = ref<string | null>(null)
  const loadError = ref<string | null>(null)
  const deleted = new Set<string>()

  /** Adds or replaces messages the server confirmed (a deleted id never comes back). */
  function confirm(messages: readonly ChatMessage[]): void {
    confirmed.value = mergeMessages(confirmed.value, messages, deleted)
  }

  function forget(id: string): void {
    deleted.add(id)
    confirmed.value = removeMessage(confirmed.value, id)
  }

  async function syncOnce(): Promise<void> {
    try {
      const since = newestCreatedAt(confirmed.value)
      if (!historyLoaded.value || since === null) {
        const page = await source.fetchPage({ limit: pageSize })
        confirm(page.items)
        if (!historyLoaded.value) olderToken.value = page.nextToken
        historyLoaded.value = true
      } else {
        // `ge`, not `gt`: another message may share the newest timestamp; the merge drops what we have.
        confirm(await source.fetchSince(since))
      }
      loadError.value = null
    } catch (error) {
      loadError.value = errorMessage(error)
    }
  }

  // One history request at a time; asking while one runs makes it run once more after.
  let syncing = false
  let syncAgain = false
  async function sync(): Promise<void> {
    if (syncing) {
      syncAgain = true
      return
    }
    syncing = true
    try {
      do {
        syncAgain = false
        await syncOnce()
      } while (syncAgain && !signal.aborted)
    } finally {
      syncing = false
    }
  }

  let ready = false
  let missedEvents = false
  const offLink = realtime.onLinkState((state) => {
    if (state === 'connected') {
      // Connected is global to the socket: it only means this room is live once its own
      // subscriptions were acknowledged at least once.
      if (!ready) return
      link.value = 'connected'
      if (missedEvents) {
        missedEvents = false
        void sync()
      }
      return
    }
    if (state === 'disrupted') missedEvents = true
    link.value = state
  })

  const unsubscribe = source.subscribe(
    whileOpen(signal, {
      onCreate(message) {
        onDelivered(message)
        confirm([message])
      },
      onUpdate(message) {
        onDelivered(message)
        confirm([message])
      },
      onDelete({ id }) {
        forget(id)
      },
      onReady() {
        ready = true
        missedEvents = false
        link.value = 'connected'
        void sync()
      },
      onError(reason) {
        loadError.value = reason
        link.value = 'disrupted'
      },
    }),
  )

  signal.addEventListener(
    'abort',
    () => {
      offLink()
      unsubscribe()
    },
    { once: true },
  )

  /** Loads the page older than everything shown (scrolling up). */
  async function loadOlder(): Promise<void> {
    const token = olderToken.value
    if (token === null || loadingOlder.value) return
    loadingOlder.value = true
    try {
      const page = await source.fetchPage({ limit: pageSize, nextToken: token })
      confirm(page.items)
      olderToken.value = page.nextToken
    } catch (error) {
      loadError.value = errorMessage(error)
    } finally {
      loadingOlder.value = false
    }
  }

  return {
    confirmed,
    link,
    historyLoaded,
    hasOlder: computed(() => olderToken.value !== null),
    loadingOlder,
    loadError,
    loadOlder,
    /** Fetches again (the Retry of a failed load). */
    reload: sync,
    confirm,
    forget,
  }
}

export type RoomConnection = ReturnType<typeof connectRoom>
