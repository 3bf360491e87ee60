import { fetchAuthSession, getCurrentUser, signOut } from 'aws-amplify/auth'
import { Hub } from 'aws-amplify/utils'

export interface SignedInUser {
  /** Cognito username: what the API returns as a message's `owner`. */
  username: string
  /** What to show: the email from the ID token when there is one, else the username. */
  displayName: string
}

export async function currentUser(): Promise<SignedInUser | null> {
  try {
    const { username } = await getCurrentUser()
    const session = await fetchAuthSession()
    const email = session.tokens?.idToken?.payload.email
    return { username, displayName: typeof email === 'string' && email !== '' ? email : username }
  } catch {
    return null
  }
}

/**
 * The ID token, sent as `authToken` when creating a closed-chat message: the server takes the author's
 * name from its `email` claim, which access tokens lack.
 */
export async function idToken(): Promise<string> {
  const session = await fetchAuthSession()
  const token = session.tokens?.idToken?.toString()
  if (!token) throw new Error('Your session has expired. Sign in again.')
  return token
}

export function signOutUser(): Promise<void> {
  return signOut()
}

/** Calls `listener` after every sign-in, sign-out or failed refresh. */
export function onAuthChange(listener: () => void): () => void {
  return Hub.listen('auth', ({ payload }) => {
    if (['signedIn', 'signedOut', 'tokenRefresh_failure', 'signInWithRedirect'].includes(payload.event)) {
      listener()
    }
  })
}
