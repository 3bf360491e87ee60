import { SimulatorUnauthorized } from './appSyncSimulatorAdapter'
import {
  checkSubscriptionFilterLimits,
  toPlainValue,
  toSubscriptionFilter,
  type SubscriptionFilter,
} from './subscriptionFilter'

/** Per-request state the subscription resolvers leave for the subscription's filter. */
export interface SubscriptionRequestContext {
  subscriptionFilters?: SubscriptionFilter[]
  /** Why a filter was refused (AppSync's limits); the subscription then fails with this message. */
  subscriptionFilterError?: string
}

// The template engine drops what a utility throws, so a refused filter travels as a value instead, until
// setSubscriptionFilter records it for the subscription to fail on.
class RefusedFilter {
  constructor(readonly reason: string) {}
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
 * `$util.unauthorized()` fails the field with AppSync's message, "Not Authorized to access <field> on type
 * <type>" (the simulator says only "Unauthorized"), so a client sees the same refusal locally as on AWS.
 */
export function utilityFixes(util: Record<string, unknown>): Record<string, unknown> {
  return {
    unauthorized(this: { errors: unknown[]; info: { fieldName: string; parentType: unknown } }) {
      const { fieldName, parentType } = this.info
      const error = new SimulatorUnauthorized(
        `Not Authorized to access ${fieldName} on type ${String(parentType)}`,
        this.info,
      )
      this.errors.push(error)
      throw error
    },
    isNullOrBlank: (value: unknown) =>
      value === null || value === undefined || String(plain(value)).trim().length === 0,
    transform: {
      ...(util.transform as object),
      toSubscriptionFilter: (filter: unknown) => {
        try {
          return toSubscriptionFilter(toPlainValue(filter))
        } catch (error) {
          return new RefusedFilter((error as Error).message)
        }
      },
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
      if (filter instanceof RefusedFilter) {
        requestContext.subscriptionFilterError ??= filter.reason
        return ''
      }
      let subscriptionFilter: SubscriptionFilter
      try {
        subscriptionFilter = toPlainValue(filter) as SubscriptionFilter
        checkSubscriptionFilterLimits(subscriptionFilter)
      } catch (error) {
        requestContext.subscriptionFilterError ??= (error as Error).message
        return ''
      }
      ;(requestContext.subscriptionFilters ??= []).push(subscriptionFilter)
      return ''
    },
    setSubscriptionInvalidationFilter: () => '',
    invalidateSubscriptions: () => '',
  }
}
