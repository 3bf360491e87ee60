/**
 * A human-readable reason from whatever aws-amplify rejected with: a GraphQL result carrying `errors`
 * (what client.graphql throws for server-side validation), an Error, or anything else.
 */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const errors = (error as { errors?: unknown }).errors
    if (Array.isArray(errors) && errors.length > 0) {
      const messages = errors
        .map((e) => (typeof e === 'object' && e !== null ? (e as { message?: unknown }).message : e))
        .filter((m): m is string => typeof m === 'string' && m.length > 0)
      if (messages.length > 0) return [...new Set(messages)].join(' ')
    }
    const message = (error as { message?: unknown }).message
    if (typeof message === 'string' && message.length > 0) return message
  }
  if (typeof error === 'string' && error.length > 0) return error
  return 'Something went wrong. Try again.'
}

/**
 * Whether the request never got an answer from the server (no network, backend down), as opposed to
 * the server refusing it: only those are worth sending again by themselves. aws-amplify reports a
 * failed `fetch` as a GraphQL result whose error's `originalError` is an AmplifyError named
 * `NetworkError`.
 */
export function isConnectionError(error: unknown): boolean {
  const causes: unknown[] = [error]
  if (typeof error === 'object' && error !== null) {
    const errors = (error as { errors?: unknown }).errors
    if (Array.isArray(errors)) {
      for (const e of errors) causes.push(e, (e as { originalError?: unknown } | null)?.originalError)
    }
  }
  return causes.some(
    (cause) =>
      cause instanceof TypeError ||
      (typeof cause === 'object' && cause !== null && (cause as { name?: unknown }).name === 'NetworkError'),
  )
}
