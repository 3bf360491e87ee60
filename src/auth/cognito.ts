import { Amplify } from 'aws-amplify'
import type { ResourcesConfig } from 'aws-amplify'
import { fetchAuthSession, getCurrentUser, signOut, updateUserAttributes } from 'aws-amplify/auth'
import { groupsClaim } from '../domain/teams'
import type { SignedInUser } from './userPool'

// Loaded by userPool.ts on first need, after the first paint: the Cognito code (aws-amplify's own
// `configure`, which wires the token and credentials providers, and aws-amplify/auth) stays out of the
// first load of every page.

/**
 * aws-amplify's `Amplify.configure` is the one that wires the default Cognito token and credentials
 * providers (tokens in localStorage); API clients read the new configuration on their next call.
 */
export function configureUserPoolAuth(resources: ResourcesConfig): void {
  Amplify.configure(resources)
}

export async function readCurrentUser(): Promise<SignedInUser | null> {
  try {
    const { username } = await getCurrentUser()
    const session = await fetchAuthSession()
    const claims = session.tokens?.idToken?.payload
    const chosen = claims?.preferred_username
    const email = claims?.email
    const chosenName = typeof chosen === 'string' && chosen !== '' ? chosen : null
    return {
      username,
      // Shown only to the user themselves (the app bar); others see the display name.
      displayName: typeof email === 'string' && email !== '' ? email : username,
      chosenName,
      groups: groupsClaim(claims?.['cognito:groups']),
    }
  } catch {
    return null
  }
}

export async function readIdToken(): Promise<string> {
  const session = await fetchAuthSession()
  const token = session.tokens?.idToken?.toString()
  if (!token) throw new Error('Your session has expired. Sign in again.')
  return token
}

/** Sets the display name (`preferred_username`, which the app client may write) and takes new tokens carrying it. */
export async function writeDisplayName(name: string): Promise<void> {
  await updateUserAttributes({ userAttributes: { preferred_username: name } })
  await fetchAuthSession({ forceRefresh: true })
}

/**
 * New tokens from the refresh token, without signing out: a user added to (or removed from) a Cognito group
 * sees it in `cognito:groups` only in tokens issued after the change.
 */
export async function refreshTokens(): Promise<void> {
  const session = await fetchAuthSession({ forceRefresh: true })
  if (!session.tokens?.idToken) throw new Error('Your session has expired. Sign in again.')
}

export { signOut }
