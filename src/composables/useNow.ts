import { onScopeDispose, readonly, shallowRef } from 'vue'
import { createSharedComposable } from './createSharedComposable'

/** How often relative times ("3 min") are brought up to date. */
export const NOW_TICK_MS = 15_000

/**
 * The current time (epoch milliseconds), one timer for every user: each message's relative time is a
 * computed of it, and a computed whose text is unchanged does not re-render its row, so a tick costs
 * the few rows whose label moved on (and only the rows rendered at all: the timeline is virtual).
 */
export const useNow = createSharedComposable(() => {
  const now = shallowRef(Date.now())
  const timer = setInterval(() => (now.value = Date.now()), NOW_TICK_MS)
  onScopeDispose(() => clearInterval(timer))
  return readonly(now)
})
