import { Hub } from 'aws-amplify/utils'
import { userPoolAuthReady } from '../config/userPoolAuth'

export interface SignedInUser {
  /** Cognito username: what the API returns as a message's `owner`. */
  username: string
  /** What to show: the email from the ID token when there is one, else the username. */
  displayName: string
}

// The Cognito session code (aws-amplify/auth) is loaded on first use, after the user-pool auth set-up
// it depends on: without its token provider, Amplify would answer "signed out" for everyone.
async function cognitoSession() {
  await userPoolAuthReady()
  return import('./cognitoSession')
}

export async function currentUser(): Promise<SignedInUser | null> {
  try {
    return await (await cognitoSession()).readCurrentUser()
  } catch {
    return null
  }
}

/**
 * The ID token, sent as `authToken` when creating a closed-chat message: the server takes the author's
 * name from its `email` claim, which access tokens lack.
 */
export async function idToken(): Promise<string> {
  return (await cognitoSession()).readIdToken()
}

export async function signOutUser(): Promise<void> {
  return (await cognitoSession()).signOut()
}

/** Calls `listener` after every sign-in, sign-out or failed refresh. */
export function onAuthChange(listener: () => void): () => void {
  return Hub.listen('auth', ({ payload }) => {
    if (['signedIn', 'signedOut', 'tokenRefresh_failure', 'signInWithRedirect'].includes(payload.event)) {
      listener()
    }
  })
}
