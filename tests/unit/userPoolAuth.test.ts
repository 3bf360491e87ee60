import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getGlobalContext } from '@aws-amplify/core'

// The real aws-amplify: what the first load configures, and what the deferred set-up adds.
const cloud = {
  aws_project_region: 'us-east-1',
  aws_appsync_graphqlEndpoint:
    'https://abcdefghijklmnopqrstuvwxyz.appsync-api.us-east-1.amazonaws.com/graphql',
  aws_appsync_region: 'us-east-1',
  aws_appsync_authenticationType: 'AMAZON_COGNITO_USER_POOLS',
  aws_appsync_apiKey: 'da2-fake',
  aws_cognito_region: 'us-east-1',
  aws_user_pools_id: 'us-east-1_pool',
  aws_user_pools_web_client_id: 'client',
}

// What the app's configuration holds for the user pool, and where aws-amplify's token store names the
// signed-in user while a session is stored.
const WITH_USER_POOL = { Auth: { Cognito: { userPoolId: 'us-east-1_pool', userPoolClientId: 'client' } } }
const LAST_AUTH_USER_KEY = 'CognitoIdentityServiceProvider.client.LastAuthUser'

describe('user-pool auth is set up after the first load', () => {
  beforeEach(() => vi.resetModules())
  afterEach(() => {
    vi.doUnmock('@/auth/cognito')
    localStorage.clear()
  })

  it('configures the API alone first, then the user pool with its token providers, once', async () => {
    const { configureAmplify } = await import('@/config/configureAmplify')
    const { userPoolAuthReady } = await import('@/auth/userPool')
    expect(await configureAmplify(cloud)).toEqual({ kind: 'cloud' })
    const first = getGlobalContext()
    expect(first.resourcesConfig.API?.GraphQL?.endpoint).toBe(cloud.aws_appsync_graphqlEndpoint)
    expect(first.resourcesConfig.Auth).toBeUndefined()
    expect(first.libraryOptions.Auth?.tokenProvider).toBeUndefined()

    await Promise.all([userPoolAuthReady(), userPoolAuthReady()])
    const configured = getGlobalContext()
    expect(configured.libraryOptions.Auth?.tokenProvider).toBeDefined()
    expect(configured.resourcesConfig.Auth?.Cognito?.userPoolId).toBe('us-east-1_pool')
    expect(configured.resourcesConfig.API).toEqual(first.resourcesConfig.API)
  })

  it('refuses before configureAmplify has run', async () => {
    const { userPoolAuthReady } = await import('@/auth/userPool')
    await expect(userPoolAuthReady()).rejects.toThrow('not configured')
  })

  it('tries again on the next call after a failed set-up', async () => {
    const configureUserPoolAuth = vi
      .fn()
      .mockImplementationOnce(() => {
        throw new Error('offline')
      })
      .mockImplementation(() => {})
    vi.doMock('@/auth/cognito', () => ({ configureUserPoolAuth }))
    const { deferUserPoolAuth, userPoolAuthReady } = await import('@/auth/userPool')
    deferUserPoolAuth({})
    await expect(userPoolAuthReady()).rejects.toThrow('offline')
    await expect(userPoolAuthReady()).resolves.toBeUndefined()
    expect(configureUserPoolAuth).toHaveBeenCalledTimes(2)
  })

  it('makes every session call wait for the set-up, which runs once', async () => {
    const order: string[] = []
    vi.doMock('@/auth/cognito', () => ({
      configureUserPoolAuth: () => order.push('configure'),
      readCurrentUser: async () => (order.push('user'), { username: 'alice', displayName: 'alice' }),
      readIdToken: async () => (order.push('token'), 'id-token'),
      signOut: async () => void order.push('sign-out'),
    }))
    const userPool = await import('@/auth/userPool')
    userPool.deferUserPoolAuth(WITH_USER_POOL)
    localStorage.setItem(LAST_AUTH_USER_KEY, 'alice')
    await Promise.all([
      userPool.userPoolAuthReady(),
      userPool.currentUser(),
      userPool.idToken(),
      userPool.signOut(),
      userPool.userPoolAuthReady(),
    ])
    expect(order[0]).toBe('configure')
    expect([...order].sort()).toEqual(['configure', 'sign-out', 'token', 'user'])
  })

  it('answers "signed out" without downloading the Cognito code when no session is stored', async () => {
    const configureUserPoolAuth = vi.fn()
    const readCurrentUser = vi.fn(async () => ({ username: 'alice', displayName: 'alice' }))
    vi.doMock('@/auth/cognito', () => ({ configureUserPoolAuth, readCurrentUser }))
    const userPool = await import('@/auth/userPool')
    userPool.deferUserPoolAuth(WITH_USER_POOL)
    // Another app client's session is not this one's.
    localStorage.setItem('CognitoIdentityServiceProvider.other-client.LastAuthUser', 'bob')
    expect(await userPool.currentUser()).toBeNull()
    expect(configureUserPoolAuth).not.toHaveBeenCalled()

    localStorage.setItem(LAST_AUTH_USER_KEY, 'alice')
    expect(await userPool.currentUser()).toEqual({ username: 'alice', displayName: 'alice' })
    expect(configureUserPoolAuth).toHaveBeenCalledTimes(1)
  })
})
