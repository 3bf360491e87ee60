import { fetchAuthSession, getCurrentUser, signOut } from 'aws-amplify/auth'
import type { SignedInUser } from './authSession'

// Loaded by authSession.ts once the user-pool auth is set up: aws-amplify/auth stays out of the first
// load of every page.

export async function readCurrentUser(): Promise<SignedInUser | null> {
  try {
    const { username } = await getCurrentUser()
    const session = await fetchAuthSession()
    const email = session.tokens?.idToken?.payload.email
    return { username, displayName: typeof email === 'string' && email !== '' ? email : username }
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

export { signOut }
