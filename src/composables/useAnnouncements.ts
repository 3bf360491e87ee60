import { computed, onScopeDispose, ref, shallowRef, toValue, watch } from 'vue'
import type { MaybeRefOrGetter } from 'vue'
import { createSeenIds, splitGroups } from '../domain/announcements'
import type { Announcement } from '../domain/announcements'
import type { AnnouncementArguments, AnnouncementService } from '../services/announcements'
import type { RealtimeEvents } from '../services/realtimeEvents'

export interface UseAnnouncementsOptions {
  /** The signed-in user's Cognito groups; every one of them is subscribed to. */
  groups: MaybeRefOrGetter<readonly string[]>
  service: AnnouncementService
  realtime: RealtimeEvents
  /** Topics the bell shows (`beginsWith`); empty: every topic. */
  prefix?: string
  /**
   * What was published while the subscriptions were not up, read once every one of them is acknowledged
   * (and again after each reconnection). The app's announcements are not stored (NONE data source), so it
   * passes none; a store of announcements would plug in here.
   */
  fetchMissed?: (groups: readonly string[]) => Promise<Announcement[]>
  /** How many ids are remembered to drop repeats (a ring: the oldest is forgotten first). */
  remember?: number
  /** How many announcements the list keeps (newest first). */
  keep?: number
}

export type AnnouncementsState = 'idle' | 'connecting' | 'ready'

/** Same subscription arguments: the acknowledgement's variables are a copy, compared by value. */
function sameArguments(a: Record<string, unknown>, b: AnnouncementArguments): boolean {
  return (
    a.prefix === b.prefix &&
    Array.isArray(a.onlyGroups) &&
    a.onlyGroups.length === b.onlyGroups.length &&
    a.onlyGroups.every((group, index) => group === b.onlyGroups[index])
  )
}

/**
 * The signed-in user's announcements, live. Their groups are split across subscriptions of at most 8
 * (the server's limit per subscription); once every one of them is acknowledged the state is `ready` and
 * what was missed is fetched (ready, then fetch: nothing published after the acknowledgements can fall
 * between the two). Each announcement shows once, however many of the subscriptions deliver it (ids
 * remembered in a bounded ring). Counts what arrived since the list was last read.
 */
export function useAnnouncements(options: UseAnnouncementsOptions) {
  const { service, realtime, prefix = '', fetchMissed, keep = 50 } = options
  const seen = createSeenIds(options.remember ?? 500)
  const items = shallowRef<Announcement[]>([])
  const unread = ref(0)
  const latest = shallowRef<Announcement | null>(null)
  const state = ref<AnnouncementsState>('idle')
  const error = ref<string | null>(null)
  /** Subscriptions now open (one per chunk of at most 8 groups), for tests and the bell's title. */
  const subscriptions = ref(0)

  function receive(announcement: Announcement, live: boolean): void {
    if (!seen.add(announcement.id)) return
    const next = [announcement, ...items.value]
      .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
      .slice(0, keep)
    items.value = next
    unread.value += 1
    if (live) latest.value = announcement
  }

  const groupsKey = computed(() =>
    splitGroups(toValue(options.groups))
      .map((chunk) => chunk.join(','))
      .join('|'),
  )

  watch(
    groupsKey,
    (_key, _previous, onCleanup) => {
      const chunks: AnnouncementArguments[] = splitGroups(toValue(options.groups)).map((onlyGroups) => ({
        prefix,
        onlyGroups,
      }))
      subscriptions.value = chunks.length
      if (chunks.length === 0) {
        state.value = 'idle'
        return
      }
      state.value = 'connecting'
      let closed = false
      let readying = false
      let acknowledged = new Set<number>()
      // Deliveries before every subscription is up wait, so the list never shows a partial picture.
      let held: Announcement[] = []

      async function whenReady(): Promise<void> {
        readying = true
        try {
          const missed = fetchMissed ? await fetchMissed(chunks.flatMap((chunk) => chunk.onlyGroups)) : []
          if (closed) return
          for (const announcement of missed) receive(announcement, false)
          error.value = null
        } catch (reason) {
          if (!closed) error.value = reason instanceof Error ? reason.message : String(reason)
        }
        readying = false
        if (closed) return
        const waiting = held
        held = []
        for (const announcement of waiting) receive(announcement, true)
        state.value = 'ready'
      }

      const offAck = realtime.onSubscriptionAck((ack) => {
        if (ack.field !== service.field) return
        chunks.forEach((chunk, index) => {
          if (sameArguments(ack.variables, chunk)) acknowledged.add(index)
        })
        if (acknowledged.size === chunks.length && state.value !== 'ready' && !readying) {
          acknowledged = new Set()
          void whenReady()
        }
      })
      // Only a disruption un-readies: aws-amplify also reports Connecting whenever another subscription
      // starts on the shared socket (a team tab opening its room), and ours are not acknowledged again
      // then, so waiting for that would hold every later announcement. After a disruption it re-subscribes
      // and each subscription is acknowledged again.
      const offLink = realtime.onLinkState((link) => {
        if (link !== 'disrupted') return
        acknowledged = new Set()
        if (state.value === 'ready') state.value = 'connecting'
      })
      const open = chunks.map((chunk) =>
        service.subscribe(chunk, {
          next(announcement) {
            if (state.value === 'ready') receive(announcement, true)
            else held.push(announcement)
          },
          error(reason) {
            error.value = reason
          },
        }),
      )
      onCleanup(() => {
        closed = true
        offAck()
        offLink()
        open.forEach((subscription) => subscription.unsubscribe())
        state.value = 'idle'
      })
    },
    { immediate: true },
  )

  onScopeDispose(() => {
    items.value = []
  })

  return {
    items,
    unread,
    /** The newest announcement delivered live (for a toast); null until one arrives. */
    latest,
    state,
    error,
    subscriptions,
    /** The list has been read: nothing unread. */
    markRead(): void {
      unread.value = 0
    },
  }
}
