import { computed, shallowRef, toValue, watch } from 'vue'
import type { MaybeRefOrGetter, Ref } from 'vue'
import {
  createThrottle,
  nicknames,
  TYPING_INTERVAL_MS,
  TYPING_TTL_MS,
  typingText,
} from '../domain/roomSignals'
import type { RoomSignals } from '../services/roomSignals'
import { createExpiringRoster, systemClock } from './expiringRoster'
import type { Clock } from './expiringRoster'

export interface TypingOptions {
  roomName: MaybeRefOrGetter<string | null>
  nickname: Ref<string>
  clientId: string
  signals: RoomSignals
  clock?: Clock
}

/**
 * "... is typing" in the room shown: `typed()` on each keystroke sends a notice at most every 2 s; the
 * others' notices show until a few seconds after their last one. Nothing is stored.
 */
export function useTyping(options: TypingOptions) {
  const clock = options.clock ?? systemClock
  const { signals, clientId } = options
  const roster = shallowRef(createExpiringRoster(TYPING_TTL_MS, clock))
  const throttle = createThrottle(TYPING_INTERVAL_MS)

  watch(
    () => toValue(options.roomName),
    (roomName, _previous, onCleanup) => {
      throttle.reset()
      if (!roomName) return
      const typists = createExpiringRoster(TYPING_TTL_MS, clock)
      roster.value = typists
      const subscription = signals.followTyping(
        roomName,
        (signal) => {
          if (signal.clientId !== clientId) typists.note(signal.clientId, signal.nickname)
        },
        () => {},
      )
      onCleanup(() => {
        subscription.unsubscribe()
        typists.clear()
      })
    },
    { immediate: true },
  )

  const names = computed(() => nicknames(roster.value.roster.value, clientId))
  return {
    names,
    text: computed(() => typingText(names.value)),
    /** The user typed in the room shown. */
    typed(): void {
      const roomName = toValue(options.roomName)
      if (!roomName || !throttle.ready(clock.now())) return
      signals.typing({ roomName, nickname: options.nickname.value, clientId }).catch(() => {
        // A lost typing notice is not worth a message: the next keystroke after 2 s sends another.
      })
    },
    /** Someone's message arrived or they left: their notice goes at once. */
    stopped(otherClientId: string): void {
      roster.value.drop(otherClientId)
    },
  }
}
