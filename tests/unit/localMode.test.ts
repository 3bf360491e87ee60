import { afterEach, describe, expect, it, vi } from 'vitest'
import { isLocalBackend, isLoopbackHost } from '@/config/gen1Config'
import { checkAmplifyConfig } from '@/config/loadAmplifyConfig'
import { localCognitoEndpoint } from '@/local/enableLocalBackend'
import { installLoopbackWebSocket, rewriteLoopbackUrl } from '@/local/loopbackWebSocket'

const signIn = vi.fn(async (input: unknown) => input)
const signUp = vi.fn(async (input: unknown) => input)
vi.mock('aws-amplify/auth', () => ({ signIn: (i: unknown) => signIn(i), signUp: (i: unknown) => signUp(i) }))

const local = {
  aws_appsync_graphqlEndpoint: 'http://127.0.0.1:20002/graphql',
  aws_appsync_apiKey: 'da2-fake',
  aws_user_pools_id: 'local_pool',
  aws_user_pools_web_client_id: 'client',
  aws_cognito_region: 'us-east-1',
}
const cloud = {
  ...local,
  aws_appsync_graphqlEndpoint:
    'https://abcdefghijklmnopqrstuvwxyz.appsync-api.us-east-1.amazonaws.com/graphql',
}

describe('local mode is decided by the GraphQL endpoint alone', () => {
  it('is on for loopback endpoints only', () => {
    expect(isLocalBackend(local)).toBe(true)
    expect(isLocalBackend({ ...local, aws_appsync_graphqlEndpoint: 'http://localhost:20002/graphql' })).toBe(
      true,
    )
    expect(isLocalBackend(cloud)).toBe(false)
    expect(
      isLocalBackend({ ...local, aws_appsync_graphqlEndpoint: 'http://192.168.1.5:20002/graphql' }),
    ).toBe(false)
    expect(isLocalBackend({ ...local, aws_appsync_graphqlEndpoint: 'not a url' })).toBe(false)
    expect(isLoopbackHost('127.1.2.3')).toBe(true)
    expect(isLoopbackHost('127.example.com')).toBe(false)
  })

  it('finds the local Cognito endpoint: the configured key, else port 9229 on the same host', () => {
    expect(localCognitoEndpoint(local)).toBe('http://127.0.0.1:9229')
    expect(localCognitoEndpoint({ ...local, aws_cognito_local_endpoint: 'http://127.0.0.1:19229' })).toBe(
      'http://127.0.0.1:19229',
    )
  })

  it('reports a missing or incomplete configuration', () => {
    expect(checkAmplifyConfig(undefined)).toEqual({ ok: false, reason: 'missing', missingKeys: [] })
    expect(
      checkAmplifyConfig({ aws_appsync_graphqlEndpoint: 'http://127.0.0.1:20002/graphql' }),
    ).toMatchObject({
      ok: false,
      reason: 'incomplete',
      missingKeys: ['aws_appsync_apiKey', 'aws_user_pools_id', 'aws_user_pools_web_client_id'],
    })
    expect(checkAmplifyConfig(local).ok).toBe(true)
  })
})

describe('the WebSocket fix for the plain-http local endpoint', () => {
  const backend = new URL('http://127.0.0.1:20002/graphql')

  it('turns wss:// into ws:// for the local backend host and port only', () => {
    expect(rewriteLoopbackUrl('wss://127.0.0.1:20002/graphql/realtime?x=1', backend)).toBe(
      'ws://127.0.0.1:20002/graphql/realtime?x=1',
    )
    expect(rewriteLoopbackUrl('wss://127.0.0.1:9999/other', backend)).toBe('wss://127.0.0.1:9999/other')
    expect(rewriteLoopbackUrl('wss://example.com:20002/graphql/realtime', backend)).toBe(
      'wss://example.com:20002/graphql/realtime',
    )
    expect(rewriteLoopbackUrl('ws://127.0.0.1:20002/graphql/realtime', backend)).toBe(
      'ws://127.0.0.1:20002/graphql/realtime',
    )
    // An https local endpoint serves TLS itself: nothing to rewrite.
    expect(rewriteLoopbackUrl('wss://127.0.0.1:20002/x', new URL('https://127.0.0.1:20002/graphql'))).toBe(
      'wss://127.0.0.1:20002/x',
    )
  })

  it('wraps the WebSocket constructor of the given global once', () => {
    const opened: { url: string; protocols?: string | string[] }[] = []
    class RecordingSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        opened.push({ url: String(url), protocols })
      }
    }
    const target = { WebSocket: RecordingSocket } as unknown as typeof globalThis
    installLoopbackWebSocket('http://127.0.0.1:20002/graphql', target)
    installLoopbackWebSocket('http://127.0.0.1:20002/graphql', target)
    new target.WebSocket('wss://127.0.0.1:20002/graphql/realtime', ['graphql-ws', 'header-abc'])
    new target.WebSocket('wss://example.com/graphql/realtime')
    expect(opened).toEqual([
      { url: 'ws://127.0.0.1:20002/graphql/realtime', protocols: ['graphql-ws', 'header-abc'] },
      { url: 'wss://example.com/graphql/realtime', protocols: undefined },
    ])
    expect(Object.getPrototypeOf(target.WebSocket)).toBe(RecordingSocket)
  })
})

describe('enableLocalBackend', () => {
  const originalWebSocket = globalThis.WebSocket
  afterEach(() => {
    globalThis.WebSocket = originalWebSocket
  })

  it('adds the local user pool endpoint and switches sign-in and sign-up to USER_PASSWORD_AUTH', async () => {
    const { enableLocalBackend, localSignIn, localSignUp } = await import('@/local/enableLocalBackend')
    const resources = {
      Auth: { Cognito: { userPoolId: 'local_pool', userPoolClientId: 'client' } },
      API: { GraphQL: { endpoint: local.aws_appsync_graphqlEndpoint, defaultAuthMode: 'userPool' as const } },
    }
    const { resources: configured, authenticatorServices } = enableLocalBackend(local, resources)
    expect(configured.Auth?.Cognito).toMatchObject({
      userPoolId: 'local_pool',
      userPoolEndpoint: 'http://127.0.0.1:9229',
    })
    expect(configured.API).toEqual(resources.API)
    expect(authenticatorServices).toEqual({ handleSignIn: localSignIn, handleSignUp: localSignUp })

    await localSignIn({ username: 'u', password: 'p' })
    expect(signIn).toHaveBeenLastCalledWith({
      username: 'u',
      password: 'p',
      options: { authFlowType: 'USER_PASSWORD_AUTH' },
    })
    await localSignUp({
      username: 'u',
      password: 'p',
      options: { userAttributes: { email: 'u@example.com' }, autoSignIn: true },
    })
    expect(signUp).toHaveBeenLastCalledWith({
      username: 'u',
      password: 'p',
      options: {
        userAttributes: { email: 'u@example.com' },
        autoSignIn: { authFlowType: 'USER_PASSWORD_AUTH' },
      },
    })
  })
})
