import { toSubscriptionFilter, type SubscriptionFilter } from './subscriptionFilter'

/** Per-request state the subscription resolvers leave for the subscription's filter. */
export interface SubscriptionRequestContext {
  subscriptionFilters?: SubscriptionFilter[]
}

const plain = (value: unknown): unknown =>
  value && typeof (value as { toJSON?: unknown }).toJSON === 'function'
    ? (value as { toJSON(): unknown }).toJSON()
    : value

/**
 * The `$util` members the stock simulator gets wrong or lacks, to lay over its `$util`.
 * `$util.isNullOrBlank` must be true for whitespace-only strings, as in AppSync (the simulator treats it as
 * isNullOrEmpty, so "   " passes the validation slots). `$util.transform.toSubscriptionFilter` is missing;
 * without it the transformer's model subscriptions with `filter:` fail (amplify-category-api #503).
 */
export function utilityFixes(util: Record<string, unknown>): Record<string, unknown> {
  return {
    isNullOrBlank: (value: unknown) =>
      value === null || value === undefined || String(plain(value)).trim().length === 0,
    transform: {
      ...(util.transform as object),
      toSubscriptionFilter: (filter: unknown) => toSubscriptionFilter(plain(filter)),
    },
  }
}

/**
 * `$extensions`, which the stock simulator lacks: `setSubscriptionFilter` records the filter a subscription
 * resolver sets, for ./filteredSubscriptions.ts (the invalidation variants are accepted and ignored).
 * Without it the transformer's owner-rule subscriptions fail.
 */
export function templateExtensions(requestContext: SubscriptionRequestContext): Record<string, unknown> {
  return {
    // The empty string keeps Velocity from printing the call, as AppSync prints nothing for it.
    setSubscriptionFilter: (filter: unknown) => {
      ;(requestContext.subscriptionFilters ??= []).push(plain(filter) as SubscriptionFilter)
      return ''
    },
    setSubscriptionInvalidationFilter: () => '',
    invalidateSubscriptions: () => '',
  }
}
