import { Hub } from 'aws-amplify/utils'

// Structural, because the full generated client type is too deep for the compiler to compare here.
type Client = { graphql(options: never): unknown }
type AuthMode = 'apiKey' | 'userPool' | 'iam' | 'none'

export interface LiveSubscription<T> {
  items: T[]
  errors: unknown[]
  /** Resolves when `count` items have arrived (rejects after `timeoutMs`: a guard, not a wait). */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>
  unsubscribe(): void
}

/**
 * Subscribes through aws-amplify v6 and resolves once AppSync (or the local backend) acknowledged the
 * start, which v6 announces on the Hub; rejects with the server's error when the start is refused.
 */
export function subscribeAndWait<T>(
  client: Client,
  options: { query: string; variables?: Record<string, unknown>; authMode: AuthMode },
): Promise<LiveSubscription<T>> {
  const items: T[] = []
  const errors: unknown[] = []
  const waiters: (() => void)[] = []
  const queryText = options.query
  return new Promise((resolve, reject) => {
    let settled = false
    const stopListening = Hub.listen('api', ({ payload }) => {
      const data = payload.data as { query?: string; variables?: unknown } | undefined
      if (
        payload.event === 'Subscription ack' &&
        operationName(data?.query) === operationName(queryText) &&
        sameVariables(data?.variables, options.variables)
      ) {
        settle(() => resolve(live))
      }
    })
    const settle = (action: () => void) => {
      if (settled) return
      settled = true
      stopListening()
      action()
    }
    const observable = client.graphql({
      query: options.query,
      variables: options.variables,
      authMode: options.authMode,
    } as never) as unknown as { subscribe(o: object): { unsubscribe(): void } }
    const subscription = observable.subscribe({
      next: ({ data }: { data: Record<string, T> }) => {
        items.push(Object.values(data)[0])
        waiters.forEach((w) => w())
      },
      error: (error: unknown) => {
        errors.push(error)
        settle(() => reject(error))
      },
    })
    const live: LiveSubscription<T> = {
      items,
      errors,
      unsubscribe: () => subscription.unsubscribe(),
      waitFor: (count, timeoutMs = 60_000) =>
        new Promise((done, fail) => {
          const timer = setTimeout(
            () => fail(new Error(`Expected ${count} items, got ${items.length}`)),
            timeoutMs,
          )
          const check = () => {
            if (items.length < count) return
            clearTimeout(timer)
            done(items)
          }
          waiters.push(check)
          check()
        }),
    }
  })
}

// v6 reports the query as it printed it, so compare operation names rather than text.
const operationName = (query: string | undefined) => /^\s*subscription\s+(\w+)/.exec(query ?? '')?.[1]
const sameVariables = (a: unknown, b: unknown) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {})
