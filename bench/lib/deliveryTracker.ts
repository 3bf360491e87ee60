/**
 * Bookkeeping of who received which message, for latency and loss. A message's text carries its key and its
 * send time (`bench <key> <epoch ms>`), so a delivery is measured from what arrived, not from local state.
 */

/** Milliseconds on one clock shared by publishers and subscribers (all in this process). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now()
}

export function messageText(key: string, sentAt: number): string {
  return `bench ${key} ${sentAt.toFixed(3)}`
}

const TEXT = /^bench (\S+) (\d+(?:\.\d+)?)$/

export interface Subscriber {
  id: number
  roomName: string
}

export interface PhaseResult {
  name: string
  /** Successful publishes. */
  published: number
  publishErrors: string[]
  /** Deliveries due: one per subscriber of the message's room, per successful publish. */
  expected: number
  delivered: number
  /** Deliveries to a subscriber of another room (the stock simulator's bug). */
  wrongRoom: number
  duplicates: number
  /** Per right-room delivery: receipt time minus the send time in the text. */
  latencies: number[]
}

interface SentMessage {
  phase: PhaseResult
  roomName: string
  seenBy: Set<number>
}

export class DeliveryTracker {
  private readonly messages = new Map<string, SentMessage>()
  private readonly waiters = new Set<() => void>()
  /** Deliveries whose text is not a message of this run. */
  unknown = 0
  private lastDeliveryAt = performance.now()

  constructor(private readonly subscribersPerRoom: number) {}

  phase(name: string): PhaseResult {
    return {
      name,
      published: 0,
      publishErrors: [],
      expected: 0,
      delivered: 0,
      wrongRoom: 0,
      duplicates: 0,
      latencies: [],
    }
  }

  /** Before the publish: a delivery can arrive before the mutation's HTTP response. */
  register(phase: PhaseResult, key: string, roomName: string) {
    this.messages.set(key, { phase, roomName, seenBy: new Set() })
  }

  published(phase: PhaseResult) {
    phase.published++
    phase.expected += this.subscribersPerRoom
  }

  failed(phase: PhaseResult, key: string, error: string) {
    phase.publishErrors.push(error)
    this.messages.delete(key)
  }

  deliver(subscriber: Subscriber, item: Record<string, unknown>, receivedAt: number) {
    this.lastDeliveryAt = performance.now()
    const parsed = typeof item.message === 'string' ? TEXT.exec(item.message) : null
    const sent = parsed && this.messages.get(parsed[1])
    if (!parsed || !sent) {
      this.unknown++
      return
    }
    const { phase } = sent
    if (item.roomName !== subscriber.roomName) {
      phase.wrongRoom++
    } else if (sent.seenBy.has(subscriber.id)) {
      phase.duplicates++
    } else {
      sent.seenBy.add(subscriber.id)
      phase.delivered++
      phase.latencies.push(receivedAt - Number(parsed[2]))
      if (phase.delivered >= phase.expected) this.waiters.forEach((wake) => wake())
    }
  }

  /** Resolves when every due delivery of the phase arrived, or after `timeoutMs` (then some were lost). */
  waitForDeliveries(phase: PhaseResult, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.waiters.delete(check)
        resolve()
      }
      const check = () => {
        if (phase.delivered >= phase.expected) done()
      }
      const timer = setTimeout(done, timeoutMs)
      this.waiters.add(check)
      check()
    })
  }

  /**
   * Resolves once nothing arrived for `quietMs` (at most after `maxMs`): deliveries that are not due (to
   * other rooms, duplicates) have no count to wait for, so the tally waits for them to stop.
   */
  waitForQuiet(quietMs: number, maxMs: number): Promise<void> {
    const deadline = performance.now() + maxMs
    return new Promise((resolve) => {
      const check = () => {
        const now = performance.now()
        const quietFor = now - this.lastDeliveryAt
        if (quietFor >= quietMs || now >= deadline) resolve()
        else setTimeout(check, Math.min(quietMs - quietFor, deadline - now) + 1)
      }
      check()
    })
  }

  lost(phase: PhaseResult): number {
    return Math.max(0, phase.expected - phase.delivered)
  }
}
