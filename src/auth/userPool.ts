import type { ResourcesConfig } from '@aws-amplify/core'
import { Hub } from 'aws-amplify/utils'

// The one way to the Cognito user pool. The first load configures the API alone (config/configureAmplify.ts);
// the user pool's token providers and the session code (cognito.ts) are loaded on first need, and every
// call here waits for that set-up: without its token provider, Amplify would answer "signed out" for
// everyone, and a user-pool API call would go out without a token.

export interface SignedInUser {
  /** Cognito username: what the API returns as a message's `owner`. */
  username: string
  /** What to show the user themselves: the email from the ID token when there is one, else the username. */
  displayName: string
  /** The display name chosen at sign-up or later (`preferred_username`), shown as the author; null if none. */
  chosenName?: string | null
  /** The ID token's `cognito:groups`: the Cognito groups (teams, Admins) as of the token's issue. */
  groups: readonly string[]
}

// The configuration waiting for its Cognito providers, and the one set-up of them.
let resources: ResourcesConfig | null = null
let ready: Promise<typeof import('./cognito')> | null = null

/** Called by configureAmplify: user-pool auth is set up on first need, from this configuration. */
export function deferUserPoolAuth(config: ResourcesConfig): void {
  resources = config
  ready = null
}

// Starts the set-up on first call; every later call gets the same promise, so a call made meanwhile
// waits for it.
function cognito(): Promise<typeof import('./cognito')> {
  if (!resources) return Promise.reject(new Error('Amplify is not configured yet.'))
  const config = resources
  ready ??= import('./cognito')
    .then((module) => {
      module.configureUserPoolAuth(config)
      return module
    })
    .catch((error: unknown) => {
      // A failed download (say, offline for a moment) is retried by the next caller.
      ready = null
      throw error
    })
  return ready
}

/**
 * Resolves once Amplify has its Cognito user-pool token provider (the stored session, refresh, sign-in
 * and sign-out all go through it). User-pool API calls wait for it.
 */
export async function userPoolAuthReady(): Promise<void> {
  await cognito()
}

/**
 * Whether this browser may hold a user-pool session. aws-amplify's token store (localStorage, which this
 * app keeps) names the signed-in user under `CognitoIdentityServiceProvider.<app client id>.LastAuthUser`
 * from sign-in until sign-out. Without that key nobody is signed in, and the Cognito code is not
 * downloaded just to say so: a first visit never loads it. Unreadable storage counts as "maybe".
 */
function maySessionBeStored(): boolean {
  const clientId = resources?.Auth?.Cognito?.userPoolClientId
  if (!clientId) return false
  try {
    return localStorage.getItem(`CognitoIdentityServiceProvider.${clientId}.LastAuthUser`) !== null
  } catch {
    return true
  }
}

/**
 * The signed-in user from the stored session, or null (also when the session cannot be read). Answers
 * null without loading the Cognito code when no session is stored.
 */
export async function currentUser(): Promise<SignedInUser | null> {
  if (resources && !maySessionBeStored()) return null
  try {
    return await (await cognito()).readCurrentUser()
  } catch {
    return null
  }
}

/**
 * The ID token, sent as `authToken` when creating a closed-chat message: the server takes the author's
 * display name from its `preferred_username` claim, which access tokens lack.
 */
export async function idToken(): Promise<string> {
  return (await cognito()).readIdToken()
}

/** Changes the signed-in user's display name in the user pool, and refreshes the tokens so they carry it. */
export async function changeDisplayName(name: string): Promise<void> {
  return (await cognito()).writeDisplayName(name)
}

/** Fresh tokens (new group memberships) without signing out; rejects when the session cannot be refreshed. */
export async function refreshTokens(): Promise<void> {
  return (await cognito()).refreshTokens()
}

export async function signOut(): Promise<void> {
  return (await cognito()).signOut()
}

// `tokenRefresh` too: refreshed tokens may list other groups.
const AUTH_CHANGES = new Set([
  'signedIn',
  'signedOut',
  'tokenRefresh',
  'tokenRefresh_failure',
  'signInWithRedirect',
])

/** Calls `listener` after every sign-in, sign-out or token refresh; returns the function that stops it. */
export function onAuthChange(listener: () => void): () => void {
  return Hub.listen('auth', ({ payload }) => {
    if (AUTH_CHANGES.has(payload.event)) listener()
  })
}
