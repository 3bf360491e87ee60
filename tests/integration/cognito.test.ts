import { sign } from 'node:crypto'
import { cognitoCall } from '../../testkit/backend/cognitoUsers'
import { signedHeaders } from './cognitoSigning'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Amplify } from 'aws-amplify'
import {
  confirmSignUp,
  fetchAuthSession,
  fetchUserAttributes,
  signIn,
  signOut,
  signUp,
} from 'aws-amplify/auth'
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito'
import { sharedInMemoryStorage } from 'aws-amplify/utils'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { cognitoLocalPrivateKeyPem } from '../../local-backend/src/cognito/cognitoLocalAdapter'
import { startLocalCognito, type LocalCognito } from '../../local-backend/src/cognito/startLocalCognito'
import { createCognitoTokenVerifier } from '../../local-backend/src/cognito/verifyCognitoToken'

const password = 'correct-horse-battery'
const fixedCode = '246810'
const tempDirs: string[] = []

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'local-cognito-'))
  tempDirs.push(dir)
  return dir
}

// Cognito API calls as the AWS SDKs make them, for checks Amplify does not expose.
const cognitoApi = cognitoCall

async function signUpAndSignInWithApi(pool: LocalCognito, email: string, code: () => string) {
  const clientId = pool.userPoolClientId
  await cognitoApi(pool.endpoint, 'SignUp', {
    ClientId: clientId,
    Username: email,
    Password: password,
    UserAttributes: [{ Name: 'email', Value: email }],
  })
  await cognitoApi(pool.endpoint, 'ConfirmSignUp', {
    ClientId: clientId,
    Username: email,
    ConfirmationCode: code(),
  })
  const { AuthenticationResult } = await cognitoApi<{ AuthenticationResult: Record<string, string> }>(
    pool.endpoint,
    'InitiateAuth',
    {
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    },
  )
  return AuthenticationResult
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'))
}

const base64urlJson = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** Signs like cognito-local does, with the development key it ships, to build tokens it would never issue. */
function signWithCognitoLocalKey(payload: object): Promise<string> {
  const signedPart = `${base64urlJson({ alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' })}.${base64urlJson(payload)}`
  const signature = sign('RSA-SHA256', Buffer.from(signedPart), cognitoLocalPrivateKeyPem())
  return Promise.resolve(`${signedPart}.${signature.toString('base64url')}`)
}

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

describe('local Cognito user pool through aws-amplify v6', () => {
  const logLines: string[] = []
  let pool: LocalCognito

  beforeAll(async () => {
    pool = await startLocalCognito({
      port: 0,
      dataDir: await tempDir(),
      confirmationCode: fixedCode,
      log: (line) => logLines.push(line),
    })
    Amplify.configure({
      Auth: {
        Cognito: {
          userPoolId: pool.userPoolId,
          userPoolClientId: pool.userPoolClientId,
          userPoolEndpoint: pool.endpoint,
          loginWith: { email: true },
        },
      },
    })
    // The browser's localStorage is outside the subject: Node has none, so tokens are kept in memory.
    cognitoUserPoolsTokenProvider.setKeyValueStorage(sharedInMemoryStorage)
  })

  afterEach(async () => {
    vi.useRealTimers()
    await signOut()
  })

  afterAll(async () => {
    await pool?.stop()
  })

  async function signUpAndSignIn(email: string) {
    const { nextStep } = await signUp({ username: email, password, options: { userAttributes: { email } } })
    expect(nextStep.signUpStep).toBe('CONFIRM_SIGN_UP')
    await confirmSignUp({ username: email, confirmationCode: fixedCode })
    const result = await signIn({
      username: email,
      password,
      options: { authFlowType: 'USER_PASSWORD_AUTH' },
    })
    expect(result.isSignedIn).toBe(true)
    const { tokens } = await fetchAuthSession()
    if (!tokens?.idToken) throw new Error('no tokens after sign-in')
    return { accessToken: tokens.accessToken.toString(), idToken: tokens.idToken.toString() }
  }

  it('signs up, logs the confirmation code, confirms it and signs in with USER_PASSWORD_AUTH', async () => {
    const { idToken } = await signUpAndSignIn('ada@example.com')

    expect(logLines).toContain(`Confirmation code for ada@example.com: ${fixedCode}`)
    expect(claimsOf(idToken)).toMatchObject({ email: 'ada@example.com', aud: pool.userPoolClientId })
  })

  it('issues tokens whose issuer the AppSync simulator accepts as user-pool tokens', async () => {
    const { accessToken, idToken } = await signUpAndSignIn('issuer@example.com')

    expect(pool.issuer.startsWith('https://cognito-idp.')).toBe(true)
    expect(claimsOf(accessToken).iss).toBe(pool.issuer)
    expect(claimsOf(idToken).iss).toBe(pool.issuer)
  })

  it('marks the email verified when the sign-up is confirmed', async () => {
    const { idToken } = await signUpAndSignIn('grace@example.com')

    const attributes = await fetchUserAttributes()
    expect(attributes.email_verified).toBe('true')
    expect(claimsOf(idToken).email_verified).toBe(true)
  })

  it('refreshes the session on request (GetTokensFromRefreshToken)', async () => {
    const before = await signUpAndSignIn('refresh@example.com')

    const { tokens } = await fetchAuthSession({ forceRefresh: true })

    expect(tokens?.accessToken.toString()).toBeDefined()
    expect(tokens?.accessToken.toString()).not.toBe(before.accessToken)
    expect(tokens?.idToken?.toString()).not.toBe(before.idToken)
    expect(tokens?.accessToken.payload.sub).toBe(claimsOf(before.accessToken).sub)
  })

  it('refreshes an expired access token instead of ending the session', async () => {
    const before = await signUpAndSignIn('expiry@example.com')
    const verify = createCognitoTokenVerifier({ issuer: pool.issuer, jwksUrl: pool.jwksUrl })
    // Only the clock is faked (Amplify and cognito-local both read Date): two hours pass without waiting.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 2 * 60 * 60 * 1000)

    const { tokens } = await fetchAuthSession()

    await expect(verify(before.accessToken)).rejects.toThrow(/expired/)
    const refreshed = tokens?.accessToken.toString() ?? ''
    expect(refreshed).not.toBe(before.accessToken)
    await expect(verify(refreshed)).resolves.toMatchObject({ token_use: 'access' })
  })

  it("refuses Amplify's default SRP sign-in with a message that names USER_PASSWORD_AUTH", async () => {
    await signUpAndSignIn('srp@example.com')
    await signOut()

    await expect(signIn({ username: 'srp@example.com', password })).rejects.toThrow(/USER_PASSWORD_AUTH/)
  })

  it('reports what cognito-local cannot do on the log instead of only answering 500', async () => {
    const { AccessToken } = await signUpAndSignInWithApi(pool, 'signout@example.com', () => fixedCode)

    await expect(cognitoApi(pool.endpoint, 'GlobalSignOut', { AccessToken })).rejects.toThrow(/500/)

    expect(logLines).toContainEqual(expect.stringMatching(/^cognito-local: .*unsupported.*GlobalSignOut/))
  })

  it('refuses user-pool administration without AWS credentials, as Cognito does; the local credentials pass', async () => {
    await signUpAndSignIn('listed@example.com')
    const call = (operation: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(pool.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
          ...headers,
        },
        body: JSON.stringify(body),
      })
    for (const operation of ['ListUsers', 'AdminSetUserPassword', 'AdminGetUser', 'DescribeUserPool']) {
      const unsigned = await call(operation, { UserPoolId: pool.userPoolId, Username: 'listed@example.com' })
      expect(unsigned.status, operation).toBe(400)
      expect(await unsigned.json()).toEqual({
        __type: 'MissingAuthenticationTokenException',
        message: expect.stringMatching(
          new RegExp(`^Missing Authentication Token: ${operation} needs AWS credentials`),
        ),
      })
    }

    // What the AWS CLI or SDK sends with the credentials the pool wrote to its data directory.
    const body = { UserPoolId: pool.userPoolId }
    const signed = await call('ListUsers', body, await signedHeaders(pool, 'ListUsers', JSON.stringify(body)))
    expect(signed.status).toBe(200)
    const { Users } = (await signed.json()) as { Users: { Attributes: { Name: string; Value: string }[] }[] }
    expect(Users.flatMap((u) => u.Attributes).map((a) => a.Value)).toContain('listed@example.com')
  })

  describe('token verifier', () => {
    let tokens: { accessToken: string; idToken: string; refreshToken: string }
    let verify: (token: string) => Promise<unknown>

    beforeAll(async () => {
      const result = await signUpAndSignInWithApi(pool, 'verify@example.com', () => fixedCode)
      tokens = { accessToken: result.AccessToken, idToken: result.IdToken, refreshToken: result.RefreshToken }
      verify = createCognitoTokenVerifier({
        issuer: pool.issuer,
        jwksUrl: pool.jwksUrl,
        clientId: pool.userPoolClientId,
      })
    })

    it('accepts the pool’s real id and access tokens', async () => {
      await expect(verify(tokens.idToken)).resolves.toMatchObject({
        token_use: 'id',
        email: 'verify@example.com',
        iss: pool.issuer,
      })
      await expect(verify(tokens.accessToken)).resolves.toMatchObject({
        token_use: 'access',
        client_id: pool.userPoolClientId,
      })
    })

    it('rejects a token whose claims were changed after signing', async () => {
      const [header, , signature] = tokens.idToken.split('.')
      const forged = `${header}.${base64urlJson({ ...claimsOf(tokens.idToken), email: 'admin@example.com' })}.${signature}`

      await expect(verify(forged)).rejects.toThrow(/signature is invalid/)
    })

    it('rejects a token whose signature was changed', async () => {
      const [header, payload, signature] = tokens.accessToken.split('.')
      const flipped = Buffer.from(signature, 'base64url')
      flipped[0] ^= 1

      await expect(verify(`${header}.${payload}.${flipped.toString('base64url')}`)).rejects.toThrow(
        /signature is invalid/,
      )
    })

    it('still checks expiry and forgery on each use of a token whose signature it already verified', async () => {
      let clock = Date.now()
      const verifyAt = createCognitoTokenVerifier({
        issuer: pool.issuer,
        jwksUrl: pool.jwksUrl,
        clientId: pool.userPoolClientId,
        now: () => clock,
      })
      await expect(verifyAt(tokens.idToken)).resolves.toMatchObject({ token_use: 'id' })
      await expect(verifyAt(tokens.idToken)).resolves.toMatchObject({ token_use: 'id' })
      const [header, payload, signature] = tokens.idToken.split('.')
      const forged = `${header}.${base64urlJson({ ...claimsOf(tokens.idToken), email: 'admin@example.com' })}.${signature}`
      await expect(verifyAt(forged)).rejects.toThrow(/signature is invalid/)
      expect(`${header}.${payload}.${signature}`).toBe(tokens.idToken)

      clock = (claimsOf(tokens.idToken).exp as number) * 1000 + 1000
      await expect(verifyAt(tokens.idToken)).rejects.toThrow(/Token expired at/)
    })

    it('rejects an unsigned (alg: none) token', async () => {
      const [, payload] = tokens.idToken.split('.')

      await expect(verify(`${base64urlJson({ alg: 'none', typ: 'JWT' })}.${payload}.`)).rejects.toThrow(
        /not signed \(alg: none\)/,
      )
    })

    it('rejects HS256 tokens made with the public key as the secret', async () => {
      const [, payload] = tokens.idToken.split('.')
      const header = base64urlJson({ alg: 'HS256', typ: 'JWT', kid: 'CognitoLocal' })

      await expect(verify(`${header}.${payload}.c2lnbmF0dXJl`)).rejects.toThrow(/signed with HS256/)
    })

    it('rejects an expired token signed with the pool’s key', async () => {
      const now = Math.floor(Date.now() / 1000)
      const expired = await signWithCognitoLocalKey({
        ...claimsOf(tokens.accessToken),
        iat: now - 7200,
        exp: now - 3600,
      })

      await expect(verify(expired)).rejects.toThrow(/Token expired at .*sign in again/)
    })

    it('rejects a token that is not valid yet', async () => {
      const now = Math.floor(Date.now() / 1000)
      const early = await signWithCognitoLocalKey({
        ...claimsOf(tokens.accessToken),
        nbf: now + 600,
        exp: now + 4200,
      })

      await expect(verify(early)).rejects.toThrow(/not valid before/)
    })

    it('rejects a real token from another local user pool', async () => {
      const otherLog: string[] = []
      const other = await startLocalCognito({
        port: 0,
        dataDir: await tempDir(),
        log: (line) => otherLog.push(line),
      })
      try {
        // No fixed code here: the random one is read from the log line, as a person would.
        const code = () =>
          /Confirmation code for other@example\.com: (\d{6})$/.exec(otherLog.join('\n'))?.[1] ?? ''
        const foreign = await signUpAndSignInWithApi(other, 'other@example.com', code)

        await expect(verify(foreign.IdToken)).rejects.toThrow(/issued by .*not by this API's user pool/)
        const verifyOther = createCognitoTokenVerifier({ issuer: other.issuer, jwksUrl: other.jwksUrl })
        await expect(verifyOther(foreign.IdToken)).resolves.toMatchObject({ email: 'other@example.com' })
      } finally {
        await other.stop()
      }
    })

    it('rejects tokens of another app client and the wrong token use', async () => {
      const otherClient = createCognitoTokenVerifier({
        issuer: pool.issuer,
        jwksUrl: pool.jwksUrl,
        clientId: 'another-app-client',
      })
      const accessOnly = createCognitoTokenVerifier({
        issuer: pool.issuer,
        jwksUrl: pool.jwksUrl,
        tokenUse: 'access',
      })

      await expect(otherClient(tokens.accessToken)).rejects.toThrow(/app client .* does not accept/)
      await expect(otherClient(tokens.idToken)).rejects.toThrow(/app client .* does not accept/)
      await expect(accessOnly(tokens.idToken)).rejects.toThrow(/id token; this API expects an access token/)
      const refreshLike = await signWithCognitoLocalKey({
        ...claimsOf(tokens.accessToken),
        token_use: 'refresh',
      })
      await expect(verify(refreshLike)).rejects.toThrow(/token_use refresh; only id and access tokens/)
      await expect(verify(tokens.refreshToken)).rejects.toThrow(/names no signing key/)
    })

    it('rejects what is not a JWT', async () => {
      await expect(verify('not-a-token')).rejects.toThrow(/not a JWT/)
    })

    it('refuses every other token shape with a reason', async () => {
      const [header, payload, signature] = tokens.idToken.split('.')
      const shapes: [string, RegExp][] = [
        [`${header}.${payload}`, /not a JWT/],
        [`x.${payload}`, /not a JWT/],
        [`${header}.${payload}.${signature}.${signature}`, /not a JWT/],
        [`${header}.${payload}.`, /signature is invalid/],
        [`${header}..${signature}`, /not a JWT/],
        [`${header}.${payload}.${signature}=`, /not a JWT/],
        [` ${tokens.idToken}`, /not a JWT/],
        ['', /not a JWT/],
        [`${base64urlJson({ alg: 'none' })}.${payload}.`, /not signed \(alg: none\)/],
        [
          `${base64urlJson({ alg: 'NONE', kid: 'CognitoLocal' })}.${payload}.${signature}`,
          /signed with NONE/,
        ],
        [
          `${base64urlJson({ alg: 'RS512', kid: 'CognitoLocal' })}.${payload}.${signature}`,
          /signed with RS512/,
        ],
        [
          `${base64urlJson({ alg: 'RS256', kid: 'another-key' })}.${payload}.${signature}`,
          /key another-key, which the user pool does not have/,
        ],
        [
          `${base64urlJson({ alg: 'RS256', kid: 'CognitoLocal', crit: ['b64'], b64: false })}.${payload}.${signature}`,
          /extensions/,
        ],
        [
          `${Buffer.from('not json').toString('base64url')}.${payload}.${signature}`,
          /header is not a JSON object/,
        ],
        [
          `${header}.${Buffer.from('[1]').toString('base64url')}.${signature}`,
          /not a valid JWT|signature is invalid/,
        ],
      ]
      for (const [token, reason] of shapes) {
        await expect(verify(token), token.slice(0, 60)).rejects.toThrow(reason)
      }
      await expect(verify(undefined as unknown as string)).rejects.toThrow(/not a JWT/)
    })

    it('rejects a token signed with the pool’s key that has no expiry or no subject', async () => {
      const { exp: _exp, ...withoutExpiry } = claimsOf(tokens.accessToken)
      await expect(verify(await signWithCognitoLocalKey(withoutExpiry))).rejects.toThrow(/no expiry/)
      const { sub: _sub, ...withoutSubject } = claimsOf(tokens.accessToken)
      await expect(verify(await signWithCognitoLocalKey(withoutSubject))).rejects.toThrow(/no subject/)
    })

    it('keeps the key set it fetched', async () => {
      const shortLived = await startLocalCognito({ port: 0, dataDir: await tempDir(), log: () => {} })
      const verifyShortLived = createCognitoTokenVerifier({
        issuer: pool.issuer,
        jwksUrl: shortLived.jwksUrl,
      })
      await expect(verifyShortLived(tokens.idToken)).resolves.toBeDefined()

      await shortLived.stop()

      await expect(verifyShortLived(tokens.accessToken)).resolves.toBeDefined()
    })
  })
})

describe('local Cognito user pool lifecycle', () => {
  it('creates the pool like the Amplify auth resource and reuses it with the same data directory', async () => {
    const dataDir = await tempDir()
    const first = await startLocalCognito({ port: 0, dataDir, confirmationCode: fixedCode, log: () => {} })
    await signUpAndSignInWithApi(first, 'kept@example.com', () => fixedCode)
    await first.stop()

    const second = await startLocalCognito({ port: 0, dataDir, log: () => {} })
    try {
      expect(second.userPoolId).toBe(first.userPoolId)
      expect(second.userPoolClientId).toBe(first.userPoolClientId)
      expect(second.issuer).toBe(first.issuer)
      const { UserPool } = await cognitoApi<{ UserPool: Record<string, unknown> }>(
        second.endpoint,
        'DescribeUserPool',
        { UserPoolId: second.userPoolId },
        await signedHeaders(second, 'DescribeUserPool', JSON.stringify({ UserPoolId: second.userPoolId })),
      )
      expect(UserPool).toMatchObject({ UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] })
      expect(UserPool.SchemaAttributes).toContainEqual(
        expect.objectContaining({ Name: 'email', Required: true }),
      )
      const { UserPoolClient } = await cognitoApi<{ UserPoolClient: Record<string, unknown> }>(
        second.endpoint,
        'DescribeUserPoolClient',
        { UserPoolId: second.userPoolId, ClientId: second.userPoolClientId },
        await signedHeaders(
          second,
          'DescribeUserPoolClient',
          JSON.stringify({ UserPoolId: second.userPoolId, ClientId: second.userPoolClientId }),
        ),
      )
      expect(UserPoolClient.ClientSecret).toBeUndefined()
      const signedIn = await cognitoApi<{ AuthenticationResult?: object }>(second.endpoint, 'InitiateAuth', {
        ClientId: second.userPoolClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'kept@example.com', PASSWORD: password },
      })
      expect(signedIn.AuthenticationResult).toBeDefined()
    } finally {
      await second.stop()
    }
  })

  it('says in one line which port is taken and how to choose another', async () => {
    const running = await startLocalCognito({ port: 0, dataDir: await tempDir(), log: () => {} })
    const port = Number(new URL(running.endpoint).port)
    try {
      const error = await startLocalCognito({ port, dataDir: await tempDir(), log: () => {} }).catch(
        (e: Error) => e,
      )

      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).toMatch(
        new RegExp(
          `Cognito user pool cannot listen on 127\\.0\\.0\\.1:${port}: .*already in use.*--cognito-port`,
        ),
      )
      expect((error as Error).message).not.toContain('\n')
    } finally {
      await running.stop()
    }
  })

  it('frees its port and connections on stop', async () => {
    const dataDir = await tempDir()
    const first = await startLocalCognito({ port: 0, dataDir, log: () => {} })
    const port = Number(new URL(first.endpoint).port)
    // A keep-alive connection, as a browser leaves open, must not keep the server alive.
    await fetch(first.jwksUrl)

    await first.stop()

    await expect(fetch(first.jwksUrl)).rejects.toThrow()
    const again = await startLocalCognito({ port, dataDir, log: () => {} })
    await again.stop()
  })
})
