import { computed, getCurrentScope, onScopeDispose, ref, shallowRef, toValue, watch } from 'vue'
import type { MaybeRefOrGetter } from 'vue'
import type { ChatMessage, TimelineEntry } from '../domain/chatMessage'
import { messageProblem } from '../domain/messageRules'
import { mergeMessages, newestCreatedAt, removeMessage } from '../domain/timeline'
import type { ChatRoomSource } from '../services/chatRoomSource'
import { errorMessage } from '../services/errorMessage'
import { amplifyRealtimeEvents } from '../services/realtimeEvents'
import type { LinkState, RealtimeEvents } from '../services/realtimeEvents'

export interface UseChatRoomOptions {
  /** The room to show; null shows nothing and opens nothing (e.g. while the auth state is unknown). */
  source: MaybeRefOrGetter<ChatRoomSource | null>
  realtime?: RealtimeEvents
  pageSize?: number
  /** How many deliveries the two-column view keeps. */
  logSize?: number
}

export type SendResult = { ok: true } | { ok: false; reason: string }

/** A message that went through one side of the two-column view. */
export interface LoggedMessage {
  key: string
  message: ChatMessage
}

const DEFAULT_PAGE_SIZE = 50
const DEFAULT_LOG_SIZE = 200

/**
 * Shows one room live: subscribe first, fetch the history only once the subscriptions are acknowledged
 * (so nothing created in between is lost), merge both into one timeline by id, catch up after each
 * reconnection, send optimistically. Everything is torn down when the source changes or the owner
 * unmounts, and results that arrive for a source no longer shown are dropped.
 */
export function useChatRoom(options: UseChatRoomOptions) {
  const realtime = options.realtime ?? amplifyRealtimeEvents
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE
  const logSize = options.logSize ?? DEFAULT_LOG_SIZE

  const confirmed = shallowRef<readonly TimelineEntry[]>([])
  const local = shallowRef<readonly TimelineEntry[]>([])
  const timeline = computed<readonly TimelineEntry[]>(() =>
    local.value.length === 0 ? confirmed.value : [...confirmed.value, ...local.value],
  )
  const link = ref<LinkState>('connecting')
  const historyLoaded = ref(false)
  const loadingOlder = ref(false)
  const olderToken = ref<string | null>(null)
  const hasOlder = computed(() => olderToken.value !== null)
  const loadError = ref<string | null>(null)
  const sentLog = shallowRef<readonly LoggedMessage[]>([])
  const subscriptionLog = shallowRef<readonly LoggedMessage[]>([])

  let generation = 0
  let current: ChatRoomSource | null = null
  let teardown: (() => void) | null = null
  let deleted = new Set<string>()
  let localCounter = 0
  let logCounter = 0

  function isCurrent(gen: number): boolean {
    return gen === generation
  }

  function mergeConfirmed(messages: readonly ChatMessage[]): void {
    confirmed.value = mergeMessages(confirmed.value, messages, deleted)
  }

  function appendLog(log: typeof sentLog, message: ChatMessage): void {
    const next = [...log.value, { key: `${++logCounter}`, message }]
    log.value = next.length > logSize ? next.slice(next.length - logSize) : next
  }

  async function syncOnce(gen: number, source: ChatRoomSource): Promise<void> {
    try {
      const since = newestCreatedAt(confirmed.value)
      if (!historyLoaded.value || since === null) {
        const page = await source.fetchPage({ limit: pageSize })
        if (!isCurrent(gen)) return
        mergeConfirmed(page.items)
        if (!historyLoaded.value) olderToken.value = page.nextToken
        historyLoaded.value = true
      } else {
        // `ge`, not `gt`: another message may share the newest timestamp; the merge drops what we have.
        const missed = await source.fetchSince(since)
        if (!isCurrent(gen)) return
        mergeConfirmed(missed)
      }
      loadError.value = null
    } catch (error) {
      if (isCurrent(gen)) loadError.value = errorMessage(error)
    }
  }

  /** One history request at a time per source; asking while one runs makes it run once more after. */
  function makeSync(gen: number, source: ChatRoomSource): () => Promise<void> {
    let running = false
    let again = false
    return async function sync() {
      if (running) {
        again = true
        return
      }
      running = true
      try {
        do {
          again = false
          await syncOnce(gen, source)
        } while (again && isCurrent(gen))
      } finally {
        running = false
      }
    }
  }

  let syncCurrent: () => Promise<void> = () => Promise.resolve()

  function start(source: ChatRoomSource): void {
    const gen = ++generation
    current = source
    const sync = makeSync(gen, source)
    syncCurrent = sync
    let ready = false
    let missedEvents = false

    const offLink = realtime.onLinkState((state) => {
      if (!isCurrent(gen)) return
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

    const unsubscribe = source.subscribe({
      onCreate(message) {
        if (!isCurrent(gen)) return
        appendLog(subscriptionLog, message)
        mergeConfirmed([message])
      },
      onUpdate(message) {
        if (!isCurrent(gen)) return
        appendLog(subscriptionLog, message)
        mergeConfirmed([message])
      },
      onDelete({ id }) {
        if (!isCurrent(gen)) return
        deleted.add(id)
        confirmed.value = removeMessage(confirmed.value, id)
      },
      onReady() {
        if (!isCurrent(gen)) return
        ready = true
        missedEvents = false
        link.value = 'connected'
        void sync()
      },
      onError(reason) {
        if (!isCurrent(gen)) return
        loadError.value = reason
        link.value = 'disrupted'
      },
    })

    teardown = () => {
      offLink()
      unsubscribe()
    }
  }

  function stop(): void {
    generation++
    teardown?.()
    teardown = null
    current = null
    syncCurrent = () => Promise.resolve()
    confirmed.value = []
    local.value = []
    sentLog.value = []
    subscriptionLog.value = []
    deleted = new Set()
    link.value = 'connecting'
    historyLoaded.value = false
    loadingOlder.value = false
    olderToken.value = null
    loadError.value = null
  }

  watch(
    () => toValue(options.source),
    (source) => {
      stop()
      if (source) start(source)
    },
    { immediate: true },
  )
  if (getCurrentScope()) onScopeDispose(stop)

  /** Loads the page older than everything shown (scrolling up). */
  async function loadOlder(): Promise<void> {
    const source = current
    const token = olderToken.value
    if (!source || token === null || loadingOlder.value) return
    const gen = generation
    loadingOlder.value = true
    try {
      const page = await source.fetchPage({ limit: pageSize, nextToken: token })
      if (!isCurrent(gen)) return
      mergeConfirmed(page.items)
      olderToken.value = page.nextToken
    } catch (error) {
      if (isCurrent(gen)) loadError.value = errorMessage(error)
    } finally {
      if (isCurrent(gen)) loadingOlder.value = false
    }
  }

  /** Fetches again after a failed load (the Retry of the error banner). */
  function reload(): Promise<void> {
    return syncCurrent()
  }

  function setLocal(id: string, change: Partial<TimelineEntry> | null): void {
    local.value = local.value.flatMap((entry) =>
      entry.id !== id ? [entry] : change === null ? [] : [{ ...entry, ...change }],
    )
  }

  async function deliver(localId: string, text: string): Promise<SendResult> {
    const source = current
    if (!source) return { ok: false, reason: 'The room is closed.' }
    const gen = generation
    try {
      const stored = await source.send(text)
      if (!isCurrent(gen)) return { ok: true }
      setLocal(localId, null)
      appendLog(sentLog, stored)
      mergeConfirmed([stored])
      return { ok: true }
    } catch (error) {
      const reason = errorMessage(error)
      if (isCurrent(gen)) setLocal(localId, { delivery: 'failed', error: reason })
      return { ok: false, reason }
    }
  }

  /** Shows the message at once as pending, then as sent, or as failed with the server's reason. */
  function send(text: string): Promise<SendResult> {
    const problem = messageProblem(text)
    if (problem) return Promise.resolve({ ok: false, reason: problem })
    if (!current) return Promise.resolve({ ok: false, reason: 'The room is closed.' })
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
    const source = current
    const problem = messageProblem(text)
    if (problem) return { ok: false, reason: problem }
    if (!source?.update) return { ok: false, reason: 'Messages cannot be edited here.' }
    const gen = generation
    try {
      const updated = await source.update(id, text)
      if (isCurrent(gen)) mergeConfirmed([updated])
      return { ok: true }
    } catch (error) {
      return { ok: false, reason: errorMessage(error) }
    }
  }

  async function remove(id: string): Promise<SendResult> {
    const source = current
    if (!source?.remove) return { ok: false, reason: 'Messages cannot be deleted here.' }
    const gen = generation
    try {
      await source.remove(id)
      if (isCurrent(gen)) {
        deleted.add(id)
        confirmed.value = removeMessage(confirmed.value, id)
      }
      return { ok: true }
    } catch (error) {
      return { ok: false, reason: errorMessage(error) }
    }
  }

  return {
    timeline,
    link,
    historyLoaded,
    hasOlder,
    loadingOlder,
    loadError,
    sentLog,
    subscriptionLog,
    loadOlder,
    reload,
    send,
    retry,
    discard,
    edit,
    remove,
  }
}

export type ChatRoom = ReturnType<typeof useChatRoom>
