import { shallowRef } from 'vue'
import { dropSignal, expireSignals, nextExpiry, noteSignal } from '../domain/roomSignals'
import type { Roster } from '../domain/roomSignals'

export interface Clock {
  now(): number
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * A roster of signals (presence or typing) whose entries drop out on their own `ttl` after the last
 * signal: one timer, set for the next entry to expire.
 */
export function createExpiringRoster(ttl: number, clock: Clock = systemClock) {
  const roster = shallowRef<Roster>(new Map())
  let timer: unknown = null

  function schedule(): void {
    if (timer !== null) clock.clearTimeout(timer)
    timer = null
    const next = nextExpiry(roster.value)
    if (next === null) return
    timer = clock.setTimeout(
      () => {
        timer = null
        roster.value = expireSignals(roster.value, clock.now())
        schedule()
      },
      Math.max(0, next - clock.now()),
    )
  }

  return {
    roster,
    /** Records a signal; returns whether this client was not in the roster before. */
    note(clientId: string, nickname: string): boolean {
      const isNew = !roster.value.has(clientId)
      roster.value = noteSignal(roster.value, clientId, nickname, clock.now(), ttl)
      schedule()
      return isNew
    },
    drop(clientId: string): void {
      roster.value = dropSignal(roster.value, clientId)
      schedule()
    },
    clear(): void {
      if (timer !== null) clock.clearTimeout(timer)
      timer = null
      roster.value = new Map()
    },
  }
}
