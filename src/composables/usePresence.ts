import { computed, shallowRef, toValue, watch } from 'vue'
import type { MaybeRefOrGetter, Ref } from 'vue'
import {
  createThrottle,
  nicknames,
  PRESENCE_HEARTBEAT_MS,
  PRESENCE_TTL_MS,
  TYPING_INTERVAL_MS,
} from '../domain/roomSignals'
import { errorMessage } from '../services/errorMessage'
import type { RealtimeEvents } from '../services/realtimeEvents'
import { PRESENCE_FIELD } from '../services/roomSignals'
import type { RoomSignals } from '../services/roomSignals'
import { createExpiringRoster, systemClock } from './expiringRoster'
import type { Clock } from './expiringRoster'

export interface PresenceOptions {
  /** The room shown; null announces nothing. */
  roomName: MaybeRefOrGetter<string | null>
  nickname: Ref<string>
  clientId: string
  signals: RoomSignals
  realtime: RealtimeEvents
  clock?: Clock
}

/**
 * Who is in the room shown. Nothing is stored on the server: once its subscription is acknowledged the
 * page announces itself (HERE), again every heartbeat, and LEFT when it leaves; entries expire after
 * about two missed heartbeats (a closed laptop, a lost connection). Someone new gets an early answer
 * from each one present (at most one every 2 s), so a newcomer sees the room within a second or so,
 * not a heartbeat later.
 */
export function usePresence(options: PresenceOptions) {
  const clock = options.clock ?? systemClock
  const { signals, clientId } = options
  const roster = shallowRef(createExpiringRoster(PRESENCE_TTL_MS, clock))
  const announcing = shallowRef<string | null>(null)
  const error = shallowRef<string | null>(null)

  const announce = (roomName: string, state: 'HERE' | 'LEFT') =>
    signals.announce({ roomName, nickname: options.nickname.value, clientId, state }).then(
      () => {
        error.value = null
      },
      (reason: unknown) => {
        error.value = errorMessage(reason)
      },
    )

  watch(
    () => toValue(options.roomName),
    (roomName, _previous, onCleanup) => {
      if (!roomName) return
      const people = createExpiringRoster(PRESENCE_TTL_MS, clock)
      roster.value = people
      const replies = createThrottle(TYPING_INTERVAL_MS)
      let heartbeat: unknown = null
      const beat = () => {
        void announce(roomName, 'HERE')
        heartbeat = clock.setTimeout(beat, PRESENCE_HEARTBEAT_MS)
      }
      const offAck = options.realtime.onSubscriptionAck((ack) => {
        if (ack.field !== PRESENCE_FIELD || ack.variables.roomName !== roomName) return
        // (Again after a reconnection: the others may have dropped this page meanwhile.)
        if (heartbeat !== null) clock.clearTimeout(heartbeat)
        announcing.value = roomName
        beat()
      })
      const subscription = signals.followPresence(
        roomName,
        (signal) => {
          if (signal.clientId === clientId) return
          if (signal.state === 'LEFT') return people.drop(signal.clientId)
          const isNew = people.note(signal.clientId, signal.nickname)
          if (isNew && announcing.value === roomName && replies.ready(clock.now()))
            void announce(roomName, 'HERE')
        },
        (reason) => {
          error.value = reason
        },
      )
      const leave = () => {
        if (announcing.value === roomName) void announce(roomName, 'LEFT')
      }
      window.addEventListener('pagehide', leave)
      onCleanup(() => {
        window.removeEventListener('pagehide', leave)
        offAck()
        subscription.unsubscribe()
        if (heartbeat !== null) clock.clearTimeout(heartbeat)
        leave()
        announcing.value = null
        people.clear()
      })
    },
    { immediate: true },
  )

  // A new nickname is told at once.
  watch(options.nickname, () => {
    if (announcing.value) void announce(announcing.value, 'HERE')
  })

  return {
    /** Everyone else in the room (distinct nicknames, alphabetical). */
    others: computed(() => nicknames(roster.value.roster.value, clientId)),
    error,
  }
}
