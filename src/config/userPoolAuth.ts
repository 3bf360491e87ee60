import type { ResourcesConfig } from '@aws-amplify/core'

// The configuration waiting for its Cognito providers, and the one set-up of them.
let resources: ResourcesConfig | null = null
let ready: Promise<void> | null = null

/** Called by configureAmplify: user-pool auth is set up on first need, from this configuration. */
export function deferUserPoolAuth(config: ResourcesConfig): void {
  resources = config
  ready = null
}

/**
 * Resolves once Amplify has its Cognito user-pool token provider (the stored session, refresh,
 * sign-in and sign-out all go through it). Starts the set-up on first call; every later call gets the
 * same promise, so a user-pool call made meanwhile waits for it instead of going out without a token.
 */
export function userPoolAuthReady(): Promise<void> {
  if (!resources) return Promise.reject(new Error('Amplify is not configured yet.'))
  const config = resources
  ready ??= import('./configureUserPoolAuth')
    .then(({ configureUserPoolAuth }) => configureUserPoolAuth(config))
    .catch((error: unknown) => {
      // A failed download (say, offline for a moment) is retried by the next caller.
      ready = null
      throw error
    })
  return ready
}
