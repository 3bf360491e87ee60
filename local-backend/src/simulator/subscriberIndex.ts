import type { EventEmitter } from 'node:events'
import type { PubSub } from 'graphql-subscriptions'

/**
 * Which subscribers of a subscription field an event can reach, looked up by the values of their arguments
 * instead of asking every subscriber. The stock simulator puts every subscriber of a field on one pub/sub
 * event and runs each one's filter on every publication, so the work per delivered message grows with the
 * number of subscribers in other rooms: with ten subscribers in each of 100 rooms, 990 of the 1,000 filters
 * an event runs say no.
 *
 * A subscriber whose arguments name fields of the result with plain values (`roomName: "room1"`) listens on
 * a channel of its own field, argument names and values; when the field's event is published, the event is
 * also published on the one channel per argument-name combination that its payload's values select. A
 * subscriber without such arguments (`onCreateOpenChat`, `filter:` only, `roomName: null`) stays on the
 * field's own event and sees every publication, as before.
 *
 * The index only pre-selects: every subscriber still runs its full check (arguments and enhanced filters,
 * ./filteredSubscriptions.ts) on what it receives, so the index may hand it too much, never decide for it. It
 * must never hand it too little: it relies on AppSync's argument match being strict equality of the argument
 * and the result field (`matchesSubscriptionArguments` in ./subscriptionFilter.ts), for which equal values
 * give equal JSON; change both together.
 */
export interface IndexedSubscriber {
  /** The pub/sub event to listen on: the field's own event, or an indexed channel. */
  channel: string
  /** Forgets the subscriber (once its iterator ends); safe to call more than once. */
  release(): void
}

export interface SubscriberIndex {
  channelFor(
    fieldName: string,
    args: Record<string, unknown>,
    resultFieldNames: ReadonlySet<string>,
  ): IndexedSubscriber
}

type Emit = EventEmitter['emit']

/** Argument names a group of subscribers of one field is indexed by, and how many subscribers use it. */
interface Signature {
  names: string[]
  channelPrefix: string
  subscribers: number
}

// Event names no GraphQL field can have (names are [_A-Za-z][_0-9A-Za-z]*), so channels never collide.
const CHANNEL_MARK = '\u0000'

const indexes = new WeakMap<object, SubscriberIndex>()

/** The index of a pub/sub, created (and its event emitter hooked) on first use. */
export function subscriberIndexOf(pubsub: PubSub): SubscriberIndex {
  let index = indexes.get(pubsub)
  if (!index) {
    index = createSubscriberIndex(emitterOf(pubsub))
    indexes.set(pubsub, index)
  }
  return index
}

function emitterOf(pubsub: PubSub): EventEmitter {
  const ee = (pubsub as unknown as { ee?: EventEmitter }).ee
  if (!ee || typeof ee.emit !== 'function') {
    throw new Error(
      'subscriberIndex: the pub/sub has no event emitter (graphql-subscriptions PubSub expected)',
    )
  }
  return ee
}

/**
 * Hooks the emitter itself rather than `publish`, so the channels are chosen from the payload at the moment
 * the field's event is really emitted, whoever wraps `publish` (publications deferred until the mutation's
 * response is complete, ./subscriptionPayloads.ts) and in whatever order.
 */
export function createSubscriberIndex(ee: EventEmitter): SubscriberIndex {
  const byField = new Map<string, Map<string, Signature>>()
  const emit: Emit = ee.emit.bind(ee)

  ee.emit = (event: string | symbol, ...rest: unknown[]) => {
    const listened = emit(event, ...rest)
    const signatures = typeof event === 'string' ? byField.get(event) : undefined
    if (!signatures) return listened
    const payload = rest[0]
    if (payload === null || typeof payload !== 'object') return listened
    let delivered = listened
    for (const signature of signatures.values()) {
      const channel = signature.channelPrefix + valuesKey(payload as Record<string, unknown>, signature.names)
      if (emit(channel, payload)) delivered = true
    }
    return delivered
  }

  return {
    channelFor(fieldName, args, resultFieldNames) {
      const names = Object.keys(args)
        .filter((name) => args[name] !== null && args[name] !== undefined && resultFieldNames.has(name))
        .sort()
      // A value that is not a plain scalar never equals a result field's value; such a subscriber is left
      // to its own check on every event rather than given a key.
      if (names.length === 0 || !names.every((name) => isScalar(args[name]))) {
        return { channel: fieldName, release: () => {} }
      }
      const signatureKey = names.join(',')
      let signatures = byField.get(fieldName)
      if (!signatures) byField.set(fieldName, (signatures = new Map()))
      let signature = signatures.get(signatureKey)
      if (!signature) {
        const channelPrefix = `${CHANNEL_MARK}${fieldName}${CHANNEL_MARK}${signatureKey}${CHANNEL_MARK}`
        signature = { names, channelPrefix, subscribers: 0 }
        signatures.set(signatureKey, signature)
      }
      signature.subscribers++
      const current = signature
      let released = false
      return {
        channel: current.channelPrefix + valuesKey(args, names),
        release: () => {
          if (released) return
          released = true
          if (--current.subscribers > 0) return
          signatures.delete(signatureKey)
          if (signatures.size === 0) byField.delete(fieldName)
        },
      }
    },
  }
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

// Strictly equal scalars have equal JSON (strings are quoted, so "1" and 1 differ). A payload value that is
// missing, null, a list or an object gives a key no subscriber has, which is right: it equals none of them.
function valuesKey(values: Record<string, unknown>, names: string[]): string {
  return JSON.stringify(names.map((name) => values[name] ?? null))
}
