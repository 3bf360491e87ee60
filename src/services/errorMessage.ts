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
