import type { GraphQLField, GraphQLSchema } from 'graphql'
import { withFilter } from 'graphql-subscriptions'
import type { PubSub } from 'graphql-subscriptions'
import { subscriberIndexOf } from './subscriberIndex'
import { matchesSubscriptionArguments, matchesSubscriptionFilter } from './subscriptionFilter'
import type { SubscriptionRequestContext } from './velocityExtensions'

type Payload = Record<string, unknown>

/**
 * Replaces every subscription field's `subscribe` so that a subscriber receives only what AppSync would
 * send it: the stock simulator calls its filter without the subscription's arguments, so a subscriber to
 * `onCreateRoomChatByRoomName(roomName: "room1")` also gets room2 (amplify-cli #4725, #6026), and it ignores
 * filters set by the resolver. Each subscriber listens where ./subscriberIndex.ts says an event matching its
 * arguments is published, and still checks every event it receives in full.
 */
export function filterSubscriptionsLikeAppSync(schema: GraphQLSchema, pubsub: PubSub): void {
  const subscriptionType = schema.getSubscriptionType()
  if (!subscriptionType) return
  const index = subscriberIndexOf(pubsub)
  for (const field of Object.values(subscriptionType.getFields())) {
    const resultFieldNames = new Set(Object.keys(resultTypeFields(field)))
    field.subscribe = (
      _source,
      args: Record<string, unknown>,
      context: SubscriptionRequestContext & { appsyncErrors?: unknown[] },
    ) => {
      if (context.subscriptionFilterError) throw new Error(context.subscriptionFilterError)
      if (context.appsyncErrors?.length) throw new Error('Subscription failed')
      const filters = context.subscriptionFilters ?? []
      const accepts = (payload: Payload | null | undefined) =>
        payload != null &&
        matchesSubscriptionArguments(payload, args, resultFieldNames) &&
        filters.every((filter) => matchesSubscriptionFilter(payload, filter))
      const subscriber = index.channelFor(field.name, args, resultFieldNames)
      return withFilter(
        () => releasedOnEnd(pubsub.asyncIterator<Payload>(subscriber.channel), subscriber.release),
        (payload: Payload) => accepts(payload),
      )(undefined, args, context, undefined as never)
    }
  }
}

// The pub/sub's iterator ends through return() (stop, closed socket) or throw(); either ends the subscriber.
function releasedOnEnd<T>(iterator: AsyncIterator<T>, release: () => void): AsyncIterator<T> {
  const end = (method: 'return' | 'throw') => {
    const original = iterator[method]?.bind(iterator)
    if (!original) return
    iterator[method] = (value?: unknown) => {
      release()
      return original(value)
    }
  }
  end('return')
  end('throw')
  return iterator
}

// Duck-typed rather than graphql's isObjectType: the simulator loads graphql's CommonJS build, and a test
// runner may load its ESM build, which `instanceof` checks would treat as another realm.
function resultTypeFields(field: GraphQLField<unknown, unknown>): Record<string, unknown> {
  let type: unknown = field.type
  while (type && typeof type === 'object' && 'ofType' in type) type = (type as { ofType: unknown }).ofType
  const named = type as { getFields?: () => Record<string, unknown> }
  return typeof named?.getFields === 'function' ? named.getFields() : {}
}
