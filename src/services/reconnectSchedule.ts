/**
 * When to try the real-time socket again while it is down: soon at first, then at most every
 * RECONNECT_CEILING_MS, for as long as it stays down. aws-amplify v6 alone tries once about 5 s after a
 * drop and then once a minute, so a backend back after a few seconds waited up to a minute.
 */
export const RECONNECT_BACKOFF_MS: readonly number[] = [1_000, 2_000, 4_000]
export const RECONNECT_CEILING_MS = 5_000

/** The wait before attempt `attempt` (0-based). */
export function reconnectDelay(attempt: number): number {
  return RECONNECT_BACKOFF_MS[attempt] ?? RECONNECT_CEILING_MS
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const browserTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * Calls `attempt` on the backoff schedule while the socket is down (`down`), pauses while a connection
 * is being opened (`connecting`), stops and starts over once it is up (`up`); `now` attempts at once
 * (the "Reconnect now" action) and starts the schedule over.
 */
export function createReconnectSchedule(attempt: () => void, timers: Timers = browserTimers) {
  let timer: unknown = null
  let attempts = 0
  let down = false

  function clear(): void {
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
  }

  function schedule(): void {
    clear()
    if (!down) return
    timer = timers.setTimeout(() => {
      timer = null
      attempts++
      attempt()
      schedule()
    }, reconnectDelay(attempts))
  }

  return {
    down(): void {
      down = true
      if (timer === null) schedule()
    },
    connecting(): void {
      clear()
    },
    up(): void {
      down = false
      attempts = 0
      clear()
    },
    now(): void {
      attempts = 0
      attempt()
      schedule()
    },
    stop(): void {
      down = false
      clear()
    },
  }
}

export type ReconnectSchedule = ReturnType<typeof createReconnectSchedule>
