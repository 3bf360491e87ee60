import { claimDisplayName } from '../graphql/mutations'
import type { ChatApiDependencies } from './chatFeeds'

/** What the server answered when the display name could not be claimed: its GraphQL errorType, if any. */
export function displayNameRefusal(error: unknown): string | null {
  const errors = (error as { errors?: { errorType?: unknown }[] } | null)?.errors
  const type = Array.isArray(errors) ? errors[0]?.errorType : undefined
  return typeof type === 'string' && type.startsWith('DisplayName') ? type : null
}

/**
 * The display-name claim: the server reads the name from the caller's ID token and claims it for them, or
 * refuses (DisplayNameRequired, DisplayNameInvalid, DisplayNameTaken) with a sentence that says why.
 */
export function createDisplayNames({
  client,
  idToken,
  userPoolReady,
}: Pick<ChatApiDependencies, 'client' | 'idToken' | 'userPoolReady'>) {
  return {
    async claim(): Promise<string> {
      await userPoolReady?.()
      const result = await client.graphql({
        query: claimDisplayName,
        authMode: 'userPool',
        authToken: await idToken(),
      })
      const claimed = result.data.claimDisplayName?.displayName
      if (!claimed) throw new Error('The display name could not be claimed. Try again.')
      return claimed
    },
  }
}

export type DisplayNames = ReturnType<typeof createDisplayNames>
