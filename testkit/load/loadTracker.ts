import { messageKey, parseLoadText } from './loadText'

/** What one subscriber is: its room, so a delivery can be judged right or wrong. */
export interface TrackedSubscriber {
  id: number
  roomKey: string
}

interface SentMessage {
  roomKey: string
  /** Subscribers of its room: each must receive it once. */
  due: number
  seenBy: Set<number>
  accepted: boolean
}

export interface DeliveryCounts {
  /** Mutations the server answered with the created item. */
  accepted: number
  /** Deliveries due for accepted messages: one per subscriber of the message's room. */
  expected: number
  delivered: number
  lost: number
  duplicates: number
  /** Deliveries to a subscriber of another room (the stock simulator ignores subscription arguments). */
  wrongRoom: number
  /** A subscriber got a publisher's message after a later one of the same publisher. */
  orderViolations: number
  /** Deliveries that are not messages of this run. */
  unknown: number
  /** Per right-room delivery: receipt time minus the send time in the text. */
  latencies: number[]
}

/**
 * Who received which message. A message is registered before its mutation is sent (its delivery can
 * arrive before the HTTP response) and counts as due only once the server accepted it.
 */
export class LoadTracker {
  private readonly messages = new Map<string, SentMessage>()
  private readonly subscribersPerRoom = new Map<string, number>()
  private readonly lastSeq = new Map<number, Map<number, number>>()
  private readonly waiters = new Set<() => void>()
  /** Due deliveries of accepted messages that have not arrived yet. */
  private pending = 0
  private readonly counts: DeliveryCounts = {
    accepted: 0,
    expected: 0,
    delivered: 0,
    lost: 0,
    duplicates: 0,
    wrongRoom: 0,
    orderViolations: 0,
    unknown: 0,
    latencies: [],
  }

  addSubscriber(subscriber: TrackedSubscriber) {
    this.subscribersPerRoom.set(
      subscriber.roomKey,
      (this.subscribersPerRoom.get(subscriber.roomKey) ?? 0) + 1,
    )
    this.lastSeq.set(subscriber.id, new Map())
  }

  register(publisher: number, seq: number, roomKey: string) {
    this.messages.set(messageKey(publisher, seq), {
      roomKey,
      due: this.subscribersPerRoom.get(roomKey) ?? 0,
      seenBy: new Set(),
      accepted: false,
    })
  }

  accepted(publisher: number, seq: number) {
    const sent = this.messages.get(messageKey(publisher, seq))
    if (!sent || sent.accepted) return
    sent.accepted = true
    this.counts.accepted++
    this.counts.expected += sent.due
    this.pending += sent.due - sent.seenBy.size
    this.wake()
  }

  /** Returns whether the item belongs to the subscriber's room (what the app would show). */
  deliver(
    subscriber: TrackedSubscriber,
    item: Record<string, unknown>,
    itemRoomKey: string,
    receivedAt: number,
  ) {
    if (itemRoomKey !== subscriber.roomKey) {
      this.counts.wrongRoom++
      return false
    }
    const fields = parseLoadText(item.message)
    const sent = fields && this.messages.get(messageKey(fields.publisher, fields.seq))
    if (!fields || !sent) {
      this.counts.unknown++
      return true
    }
    if (sent.seenBy.has(subscriber.id)) {
      this.counts.duplicates++
      return true
    }
    sent.seenBy.add(subscriber.id)
    this.counts.delivered++
    this.counts.latencies.push(receivedAt - fields.sentAt)
    const seqs = this.lastSeq.get(subscriber.id)!
    const last = seqs.get(fields.publisher) ?? -1
    if (fields.seq < last) this.counts.orderViolations++
    else seqs.set(fields.publisher, fields.seq)
    if (sent.accepted) {
      this.pending--
      this.wake()
    }
    return true
  }

  /** Resolves once every accepted message reached every subscriber of its room, or after `timeoutMs`. */
  waitForDeliveries(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (complete: boolean) => {
        clearTimeout(timer)
        this.waiters.delete(check)
        resolve(complete)
      }
      const check = () => {
        if (this.pending === 0) finish(true)
      }
      const timer = setTimeout(() => finish(false), timeoutMs)
      this.waiters.add(check)
      check()
    })
  }

  result(): DeliveryCounts {
    let lost = 0
    for (const sent of this.messages.values()) if (sent.accepted) lost += sent.due - sent.seenBy.size
    return { ...this.counts, lost }
  }

  private wake() {
    this.waiters.forEach((wake) => wake())
  }
}
