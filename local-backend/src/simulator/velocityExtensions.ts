import type { VelocityTemplate } from '@aws-amplify/amplify-appsync-simulator'
import { toSubscriptionFilter, type SubscriptionFilter } from './subscriptionFilter'

/** Per-request state the subscription resolvers leave for the subscription's filter. */
export interface SubscriptionRequestContext {
  subscriptionFilters?: SubscriptionFilter[]
}

type RenderContext = { util: Record<string, unknown>; [key: string]: unknown }
type Renderable = {
  buildRenderContext(
    ctxValues: unknown,
    requestContext: SubscriptionRequestContext,
    info: unknown,
  ): RenderContext
}

const plain = (value: unknown): unknown =>
  value && typeof (value as { toJSON?: unknown }).toJSON === 'function'
    ? (value as { toJSON(): unknown }).toJSON()
    : value

/**
 * Adds what the stock simulator lacks or gets wrong in templates. `$util.isNullOrBlank` must be true for
 * whitespace-only strings, as in AppSync (the simulator treats it as isNullOrEmpty, so "   " passes the
 * validation slots). And for subscriptions: `$extensions.setSubscriptionFilter` (and the
 * invalidation variant, accepted and ignored) and `$util.transform.toSubscriptionFilter`. Without them the
 * transformer's model subscriptions with `filter:` and owner rules fail (amplify-category-api #503).
 */
export function addMissingTemplateUtilities(template: VelocityTemplate): void {
  const renderable = template as unknown as Renderable
  const build = renderable.buildRenderContext.bind(template)
  renderable.buildRenderContext = (ctxValues, requestContext, info) => {
    const context = build(ctxValues, requestContext, info)
    context.util.isNullOrBlank = (value: unknown) =>
      value === null || value === undefined || String(plain(value)).trim().length === 0
    context.util.transform = {
      ...(context.util.transform as object),
      toSubscriptionFilter: (filter: unknown) => toSubscriptionFilter(plain(filter)),
    }
    context.extensions = {
      // The empty string keeps Velocity from printing the call, as AppSync prints nothing for it.
      setSubscriptionFilter: (filter: unknown) => {
        ;(requestContext.subscriptionFilters ??= []).push(plain(filter) as SubscriptionFilter)
        return ''
      },
      setSubscriptionInvalidationFilter: () => '',
      invalidateSubscriptions: () => '',
    }
    return context
  }
}
