/**
 * The local Cognito user pool refuses what Amazon Cognito refuses (issue 10): each test names the Cognito
 * behaviour it mirrors. Everything runs against the real in-process pool over HTTP, as browsers and the AWS
 * SDKs reach it; only the clock of the pool's own checks is moved instead of waiting.
 */
import { sign } from 'node:crypto'
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cognitoLocalPrivateKeyPem } from '../../local-backend/src/cognito/cognitoLocalAdapter'
import { startLocalCognito, type LocalCognito } from '../../local-backend/src/cognito/startLocalCognito'
import { startLocalBackend } from '../../local-backend/src/startLocalBackend'
import { verifySigV4Request } from '../../local-backend/src/cognito/verifySigV4Request'
import { signedHeaders, type SigningChoices } from './cognitoSigning'

const password = 'correct-horse-battery'
const fixedCode = '246810'
const tempDirs: string[] = []

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'local-cognito-hardening-'))
  tempDirs.push(dir)
  return dir
}

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

interface Answer {
  status: number
  body: { __type?: string; message?: string; [key: string]: unknown }
}

async function call(
  pool: LocalCognito,
  operation: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(pool.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Answer['body'] }
}

async function ok<T = Answer['body']>(answer: Promise<Answer>): Promise<T> {
  const { status, body } = await answer
  if (status !== 200) throw new Error(`expected 200, got ${status} ${JSON.stringify(body)}`)
  return body as T
}

const base64urlJson = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>

function signWithCognitoLocalKey(payload: object, header: object = { alg: 'RS256', kid: 'CognitoLocal' }) {
  const signedPart = `${base64urlJson(header)}.${base64urlJson(payload)}`
  return `${signedPart}.${sign('RSA-SHA256', Buffer.from(signedPart), cognitoLocalPrivateKeyPem()).toString('base64url')}`
}

async function signedCall(pool: LocalCognito, operation: string, body: object, choices?: SigningChoices) {
  const text = JSON.stringify(body)
  return call(pool, operation, text, await signedHeaders(pool, operation, text, choices))
}

interface Tokens {
  AccessToken: string
  IdToken: string
  RefreshToken: string
}

async function signUpAndSignIn(pool: LocalCognito, email: string): Promise<Tokens> {
  await ok(
    call(pool, 'SignUp', {
      ClientId: pool.userPoolClientId,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  )
  await ok(
    call(pool, 'ConfirmSignUp', {
      ClientId: pool.userPoolClientId,
      Username: email,
      ConfirmationCode: fixedCode,
    }),
  )
  return signIn(pool, email)
}

function attemptSignIn(pool: LocalCognito, email: string, withPassword: string): Promise<Answer> {
  return call(pool, 'InitiateAuth', {
    ClientId: pool.userPoolClientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: email, PASSWORD: withPassword },
  })
}

async function signIn(pool: LocalCognito, email: string, withPassword = password): Promise<Tokens> {
  const { AuthenticationResult } = await ok<{ AuthenticationResult: Tokens }>(
    call(pool, 'InitiateAuth', {
      ClientId: pool.userPoolClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: withPassword },
    }),
  )
  return AuthenticationResult
}

describe('local Cognito refuses what Cognito refuses', () => {
  let pool: LocalCognito
  // The pool's own checks read this clock: real time plus however far a test moved it.
  let clockOffsetMs = 0
  let frozenAt: number | undefined

  beforeAll(async () => {
    pool = await startLocalCognito({
      port: 0,
      dataDir: await tempDir(),
      confirmationCode: fixedCode,
      log: () => {},
      now: () => frozenAt ?? Date.now() + clockOffsetMs,
    })
  })

  afterAll(async () => {
    await pool?.stop()
  })

  describe('user operations authorized by an access token (Cognito: NotAuthorizedException for a token it did not issue)', () => {
    let victim: Tokens
    let victimClaims: Record<string, unknown>

    beforeAll(async () => {
      victim = await signUpAndSignIn(pool, 'victim@example.com')
      victimClaims = claimsOf(victim.AccessToken)
    })

    const userOperations = (token: string): [string, object][] => [
      ['GetUser', { AccessToken: token }],
      [
        'UpdateUserAttributes',
        { AccessToken: token, UserAttributes: [{ Name: 'email', Value: 'evil@example.com' }] },
      ],
      ['DeleteUserAttributes', { AccessToken: token, UserAttributeNames: ['email'] }],
      ['GetUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'email' }],
      ['VerifyUserAttribute', { AccessToken: token, AttributeName: 'email', Code: fixedCode }],
      [
        'ChangePassword',
        { AccessToken: token, PreviousPassword: password, ProposedPassword: 'taken-over-123' },
      ],
      ['GlobalSignOut', { AccessToken: token }],
      ['DeleteUser', { AccessToken: token }],
    ]

    it('refuses an unsigned (alg: none) token naming the victim, on every user operation', async () => {
      const unsigned = `${base64urlJson({ alg: 'none', typ: 'JWT' })}.${base64urlJson(victimClaims)}.`

      for (const [operation, body] of userOperations(unsigned)) {
        const { status, body: error } = await call(pool, operation, body)
        expect(status, operation).toBe(400)
        expect(error, operation).toMatchObject({
          __type: 'NotAuthorizedException',
          message: expect.stringMatching(/^Invalid Access Token: Token is not signed \(alg: none\)/),
        })
      }

      const { UserAttributes } = await ok<{ UserAttributes: { Name: string; Value: string }[] }>(
        call(pool, 'GetUser', { AccessToken: victim.AccessToken }),
      )
      expect(UserAttributes).toContainEqual({ Name: 'email', Value: 'victim@example.com' })
      await expect(signIn(pool, 'victim@example.com')).resolves.toBeDefined()
    })

    it('refuses every other token it would not accept: odd shapes, foreign issuers and clients, id tokens, expired ones', async () => {
      const [header, payload, signature] = victim.AccessToken.split('.')
      const now = Math.floor(Date.now() / 1000)
      const cases: [string, string, RegExp][] = [
        ['two parts', `${header}.${payload}`, /^Invalid Access Token: not a JWT/],
        ['four parts', `${header}.${payload}.${signature}.${signature}`, /^Invalid Access Token: not a JWT/],
        [
          'claims changed',
          `${header}.${base64urlJson({ ...victimClaims, exp: now + 9999 })}.${signature}`,
          /signature is invalid/,
        ],
        [
          'unknown kid',
          signWithCognitoLocalKey(victimClaims, { alg: 'RS256', kid: 'other' }),
          /does not have/,
        ],
        [
          'another issuer',
          signWithCognitoLocalKey({ ...victimClaims, iss: 'https://cognito-idp.local.invalid/local_other' }),
          /not by a user pool of this local Cognito/,
        ],
        ['an id token', victim.IdToken, /id token; this API expects an access token/],
        [
          'a client of no pool',
          signWithCognitoLocalKey({ ...victimClaims, client_id: 'made-up' }),
          /app client made-up is not a client/,
        ],
        [
          'expired',
          signWithCognitoLocalKey({ ...victimClaims, iat: now - 7200, exp: now - 3600 }),
          /^Access Token has expired$/,
        ],
        ['no expiry', signWithCognitoLocalKey({ ...victimClaims, exp: undefined }), /no expiry/],
      ]
      for (const [what, token, message] of cases) {
        const { status, body } = await call(pool, 'GetUser', { AccessToken: token })
        expect(status, what).toBe(400)
        expect(body, what).toMatchObject({
          __type: 'NotAuthorizedException',
          message: expect.stringMatching(message),
        })
      }
      for (const missing of [{}, { AccessToken: 42 }, { AccessToken: '' }]) {
        const { status, body } = await call(pool, 'GetUser', missing)
        expect(status).toBe(400)
        expect(body.__type).toBe('InvalidParameterException')
      }
    })

    it('honours the real access token until it expires', async () => {
      await expect(ok(call(pool, 'GetUser', { AccessToken: victim.AccessToken }))).resolves.toMatchObject({
        Username: victimClaims.username,
      })
      clockOffsetMs = (victimClaims.exp as number) * 1000 + 1000 - Date.now()
      try {
        const { body } = await call(pool, 'GetUser', { AccessToken: victim.AccessToken })
        expect(body).toEqual({ __type: 'NotAuthorizedException', message: 'Access Token has expired' })
      } finally {
        clockOffsetMs = 0
      }
    })
  })

  describe('administration operations (Cognito: IAM-signed requests only, SigV4 verified)', () => {
    beforeAll(async () => {
      await signUpAndSignIn(pool, 'admin-target@example.com')
    })

    it('accepts a request signed with the local credentials, as the AWS SDK signs it', async () => {
      const { Users } = await ok<{ Users: { Attributes: { Name: string; Value: string }[] }[] }>(
        signedCall(pool, 'ListUsers', { UserPoolId: pool.userPoolId }),
      )
      expect(Users.flatMap((user) => user.Attributes).map((a) => a.Value)).toContain(
        'admin-target@example.com',
      )
      await expect(
        ok(signedCall(pool, 'ListUsers', { UserPoolId: pool.userPoolId }, { applyChecksum: true })),
      ).resolves.toBeDefined()
    })

    it('refuses made-up, foreign, altered, replayed-with-another-body and stale signatures', async () => {
      const listUsers = JSON.stringify({ UserPoolId: pool.userPoolId })
      const refusals: [string, Promise<Answer>, string, RegExp][] = [
        [
          'a header of the right shape (what any page could send)',
          call(pool, 'ListUsers', listUsers, {
            authorization:
              'AWS4-HMAC-SHA256 Credential=local/20261122/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0',
          }),
          'InvalidSignatureException',
          /not an AWS4-HMAC-SHA256 signature/,
        ],
        [
          'another access key',
          signedCall(
            pool,
            'ListUsers',
            { UserPoolId: pool.userPoolId },
            {
              credentials: {
                accessKeyId: 'AKIDEXAMPLE',
                secretAccessKey: pool.awsCredentials.secretAccessKey,
              },
            },
          ),
          'UnrecognizedClientException',
          /security token included in the request is invalid/,
        ],
        [
          'the right key id with a wrong secret',
          signedCall(
            pool,
            'ListUsers',
            { UserPoolId: pool.userPoolId },
            {
              credentials: { accessKeyId: pool.awsCredentials.accessKeyId, secretAccessKey: 'guess' },
            },
          ),
          'InvalidSignatureException',
          /signature we calculated does not match/,
        ],
        [
          'another service',
          signedCall(pool, 'ListUsers', { UserPoolId: pool.userPoolId }, { service: 'dynamodb' }),
          'InvalidSignatureException',
          /scoped to correct service: 'cognito-idp'/,
        ],
        [
          'signed ten minutes ago',
          signedCall(
            pool,
            'ListUsers',
            { UserPoolId: pool.userPoolId },
            { signingDate: new Date(Date.now() - 600_000) },
          ),
          'InvalidSignatureException',
          /^Signature expired: .* - 5 min\.\)$/,
        ],
        [
          'signed ten minutes ahead',
          signedCall(
            pool,
            'ListUsers',
            { UserPoolId: pool.userPoolId },
            { signingDate: new Date(Date.now() + 600_000) },
          ),
          'InvalidSignatureException',
          /^Signature not yet current/,
        ],
      ]
      for (const [what, answer, type, message] of refusals) {
        const { status, body } = await answer
        expect(status, what).toBe(400)
        expect(body, what).toMatchObject({ __type: type, message: expect.stringMatching(message) })
      }

      // A captured signature replayed on another body: a password reset riding on a ListUsers signature.
      const reset = JSON.stringify({
        UserPoolId: pool.userPoolId,
        Username: 'admin-target@example.com',
        Password: 'attacker-chosen-1',
        Permanent: true,
      })
      const resetHeaders = await signedHeaders(pool, 'AdminSetUserPassword', listUsers)
      const replayed = await call(pool, 'AdminSetUserPassword', reset, resetHeaders)
      expect(replayed.body).toMatchObject({ __type: 'InvalidSignatureException' })
      const withHash = await signedHeaders(pool, 'AdminSetUserPassword', listUsers, { applyChecksum: true })
      const replayedWithHash = await call(pool, 'AdminSetUserPassword', reset, withHash)
      expect(replayedWithHash.body).toMatchObject({
        __type: 'InvalidSignatureException',
        message: expect.stringMatching(/x-amz-content-sha256 header does not match the body/),
      })
      await expect(signIn(pool, 'admin-target@example.com')).resolves.toBeDefined()
    })

    it('reads the operation as cognito-local does, so no spelling of the target skips the check', async () => {
      for (const target of [
        'AnythingElse.ListUsers',
        'awscognitoidentityproviderservice.ListUsers',
        '.ListUsers',
        'AWSCognitoIdentityProviderService.ListUsers.SignUp',
      ]) {
        const response = await fetch(pool.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
          body: JSON.stringify({ UserPoolId: pool.userPoolId }),
        })
        expect(response.status, target).toBe(400)
        expect(await response.json(), target).toMatchObject({ __type: 'MissingAuthenticationTokenException' })
      }
    })

    it('keeps the credentials in an AWS credentials file only the owner can read, and reuses them', async () => {
      const { file, accessKeyId, secretAccessKey } = pool.awsCredentials
      expect((await stat(file)).mode & 0o777).toBe(0o600)
      const text = await readFile(file, 'utf8')
      expect(text).toMatch(
        new RegExp(`^\\[local-backend\\]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = `, 'm'),
      )
      expect(text).toContain(secretAccessKey)
    })
  })

  it('verifies the AWS Signature Version 4 test suite request get-vanilla', async () => {
    // From AWS's published SigV4 test suite (example credentials, not a real key).
    const verified = await verifySigV4Request(
      {
        method: 'GET',
        url: '/',
        headers: {
          host: 'example.amazonaws.com',
          'x-amz-date': '20150830T123600Z',
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
        },
        body: Buffer.alloc(0),
      },
      {
        credentials: {
          accessKeyId: 'AKIDEXAMPLE',
          secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        },
        service: 'service',
        now: () => Date.UTC(2015, 7, 30, 12, 36),
      },
    )
    expect(verified).toEqual({ accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', service: 'service' })
  })

  describe('attributes (Cognito: sub is generated and immutable; NotAuthorizedException "A client attempted to write unauthorized attribute")', () => {
    const signUp = (email: string, UserAttributes: unknown) =>
      call(pool, 'SignUp', {
        ClientId: pool.userPoolClientId,
        Username: email,
        Password: password,
        UserAttributes,
      })

    it('refuses a sign-up that chooses its own sub or another attribute the app client may not write', async () => {
      const owner = await signUpAndSignIn(pool, 'owner@example.com')
      const ownerClaims = claimsOf(owner.IdToken)
      const chosen: [string, unknown, string, RegExp][] = [
        [
          'sub of another user',
          [{ Name: 'sub', Value: `${String(ownerClaims.sub)}::${String(ownerClaims['cognito:username'])}` }],
          'NotAuthorizedException',
          /^A client attempted to write unauthorized attribute$/,
        ],
        [
          'plain sub',
          [{ Name: 'sub', Value: String(ownerClaims.sub) }],
          'NotAuthorizedException',
          /unauthorized attribute/,
        ],
        [
          'email_verified',
          [{ Name: 'email_verified', Value: 'true' }],
          'NotAuthorizedException',
          /unauthorized attribute/,
        ],
        [
          'cognito:groups',
          [{ Name: 'cognito:groups', Value: 'admin' }],
          'NotAuthorizedException',
          /unauthorized attribute/,
        ],
        [
          'a schema attribute outside WriteAttributes',
          [{ Name: 'name', Value: 'Mallory' }],
          'NotAuthorizedException',
          /unauthorized attribute/,
        ],
        [
          'Sub in another case',
          [{ Name: 'Sub', Value: String(ownerClaims.sub) }],
          'InvalidParameterException',
          /Sub: Attribute does not exist in the schema/,
        ],
        [
          'an undefined custom attribute',
          [{ Name: 'custom:role', Value: 'admin' }],
          'InvalidParameterException',
          /does not exist in the schema/,
        ],
        [
          'email twice',
          [
            { Name: 'email', Value: 'a@example.com' },
            { Name: 'email', Value: 'b@example.com' },
          ],
          'InvalidParameterException',
          /Duplicate attribute: email/,
        ],
        ['a nameless attribute', [{ Value: 'x' }], 'InvalidParameterException', /needs a Name/],
      ]
      for (const [what, attributes, type, message] of chosen) {
        const { status, body } = await signUp(
          'mallory@example.com',
          [{ Name: 'email', Value: 'mallory@example.com' }, attributes].flat(),
        )
        expect(status, what).toBe(400)
        expect(body, what).toMatchObject({ __type: type, message: expect.stringMatching(message) })
      }

      const { UserSub } = await ok<{ UserSub: string }>(
        signUp('mallory@example.com', [{ Name: 'email', Value: 'mallory@example.com' }]),
      )
      expect(UserSub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(UserSub).not.toBe(ownerClaims.sub)
    })

    it('refuses changing or deleting sub and the verified flags with the user’s own valid token', async () => {
      const user = await signUpAndSignIn(pool, 'immutable@example.com')
      const { sub } = claimsOf(user.IdToken)
      for (const [operation, body] of [
        [
          'UpdateUserAttributes',
          { AccessToken: user.AccessToken, UserAttributes: [{ Name: 'sub', Value: 'chosen' }] },
        ],
        [
          'UpdateUserAttributes',
          { AccessToken: user.AccessToken, UserAttributes: [{ Name: 'email_verified', Value: 'true' }] },
        ],
        ['DeleteUserAttributes', { AccessToken: user.AccessToken, UserAttributeNames: ['sub'] }],
      ] as const) {
        const answer = await call(pool, operation, body)
        expect(answer.body, operation).toEqual({
          __type: 'NotAuthorizedException',
          message: 'A client attempted to write unauthorized attribute',
        })
      }
      const { UserAttributes } = await ok<{ UserAttributes: { Name: string; Value: string }[] }>(
        call(pool, 'GetUser', { AccessToken: user.AccessToken }),
      )
      expect(UserAttributes).toContainEqual({ Name: 'sub', Value: sub })
    })
  })

  describe('sign-in challenges (Cognito: a challenge is answered only with the Session its sign-in step issued)', () => {
    const respond = (email: string, Session: string, NEW_PASSWORD: string) =>
      call(pool, 'RespondToAuthChallenge', {
        ClientId: pool.userPoolClientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD },
      })
    const invalidSession = { __type: 'NotAuthorizedException', message: 'Invalid session for the user.' }

    it('refuses a made-up session: no password of another user can be set through NEW_PASSWORD_REQUIRED', async () => {
      await signUpAndSignIn(pool, 'challenged@example.com')
      for (const session of ['x', 'a'.repeat(36), '']) {
        expect((await respond('challenged@example.com', session, 'owned-password-1')).body, session).toEqual(
          invalidSession,
        )
      }
      await expect(signIn(pool, 'challenged@example.com')).resolves.toBeDefined()
      expect((await attemptSignIn(pool, 'challenged@example.com', 'owned-password-1')).body.__type).toBe(
        'NotAuthorizedException',
      )
    })

    it('accepts the issued session once, for its own user, within 3 minutes', async () => {
      const createUser = async (email: string) =>
        ok(
          signedCall(pool, 'AdminCreateUser', {
            UserPoolId: pool.userPoolId,
            Username: email,
            TemporaryPassword: 'Temporary-pass-1',
            MessageAction: 'SUPPRESS',
            UserAttributes: [{ Name: 'email', Value: email }],
          }),
        )
      const challenge = async (email: string) => {
        const { ChallengeName, Session } = await ok<{ ChallengeName: string; Session: string }>(
          attemptSignIn(pool, email, 'Temporary-pass-1'),
        )
        expect(ChallengeName).toBe('NEW_PASSWORD_REQUIRED')
        return Session
      }
      await createUser('invited@example.com')
      await createUser('other-invited@example.com')
      expect((await attemptSignIn(pool, 'invited@example.com', 'not-the-temporary')).body.__type).toBe(
        'NotAuthorizedException',
      )

      const othersSession = await challenge('other-invited@example.com')
      expect((await respond('invited@example.com', othersSession, 'chosen-password-1')).body).toEqual(
        invalidSession,
      )

      const session = await challenge('invited@example.com')
      clockOffsetMs += 3 * 60 * 1000 + 1000
      expect((await respond('invited@example.com', session, 'chosen-password-1')).body).toEqual({
        __type: 'NotAuthorizedException',
        message: 'Invalid session for the user, session is expired.',
      })
      clockOffsetMs = 0

      const fresh = await challenge('invited@example.com')
      await expect(ok(respond('invited@example.com', fresh, 'chosen-password-1'))).resolves.toMatchObject({
        AuthenticationResult: { AccessToken: expect.any(String) },
      })
      expect((await respond('invited@example.com', fresh, 'second-use-1')).body).toEqual(invalidSession)
      await expect(signIn(pool, 'invited@example.com', 'chosen-password-1')).resolves.toBeDefined()
    })
  })

  describe('guessing limits (Cognito: lockout after failed sign-ins, LimitExceededException after wrong codes)', () => {
    const attempt = (email: string, withPassword: string) =>
      call(pool, 'InitiateAuth', {
        ClientId: pool.userPoolClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: withPassword },
      })
    const wrong = { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }
    const lockedOut = { __type: 'NotAuthorizedException', message: 'Password attempts exceeded' }
    const passes = async (email: string) =>
      expect((await attempt(email, password)).body).toMatchObject({ AuthenticationResult: {} })

    afterAll(() => {
      clockOffsetMs = 0
    })

    it('locks a user out after five wrong passwords for 1 s, doubling with each further failure, as Cognito documents', async () => {
      const email = 'guessed@example.com'
      await signUpAndSignIn(pool, email)
      for (let n = 1; n <= 5; n++) expect((await attempt(email, `wrong-${n}`)).body).toEqual(wrong)

      expect((await attempt(email, password)).body).toEqual(lockedOut)
      clockOffsetMs += 1100
      expect((await attempt(email, 'wrong-6')).body).toEqual(wrong)
      expect((await attempt(email, password)).body).toEqual(lockedOut)
      clockOffsetMs += 1100
      expect((await attempt(email, password)).body).toEqual(lockedOut)
      clockOffsetMs += 1000
      await passes(email)

      // A successful sign-in after the lockout starts again from zero.
      for (let n = 1; n <= 4; n++) expect((await attempt(email, `again-${n}`)).body).toEqual(wrong)
      await passes(email)
    })

    it('keeps refusing the right password after a burst of wrong ones, and forgets after 15 quiet minutes', async () => {
      const email = 'burst@example.com'
      await signUpAndSignIn(pool, email)
      frozenAt = Date.now() + clockOffsetMs
      const answers = await Promise.all(
        Array.from({ length: 300 }, (_, n) => attempt(email, `burst-${n}`).then((a) => a.body.message)),
      )
      // With the clock standing still: exactly five are compared, the rest meet the lockout.
      expect(answers.filter((message) => message === wrong.message)).toHaveLength(5)
      expect(answers.filter((message) => message === lockedOut.message)).toHaveLength(295)
      expect((await attempt(email, password)).body).toEqual(lockedOut)

      frozenAt = undefined
      clockOffsetMs += 15 * 60 * 1000 + 1000
      await passes(email)
    })

    it('answers LimitExceededException after five wrong confirmation codes, even for the right one, until the block ends', async () => {
      const email = 'unconfirmed@example.com'
      await ok(
        call(pool, 'SignUp', {
          ClientId: pool.userPoolClientId,
          Username: email,
          Password: password,
          UserAttributes: [{ Name: 'email', Value: email }],
        }),
      )
      const confirm = (code: string) =>
        call(pool, 'ConfirmSignUp', {
          ClientId: pool.userPoolClientId,
          Username: email,
          ConfirmationCode: code,
        })
      // Sent all at once, as a script would: exactly five are compared.
      const answers = await Promise.all(Array.from({ length: 50 }, (_, n) => confirm(String(100000 + n))))
      expect(answers.filter((a) => a.body.__type === 'CodeMismatchException')).toHaveLength(5)
      expect(answers.filter((a) => a.body.__type === 'LimitExceededException')).toHaveLength(45)
      for (const code of ['999999', fixedCode]) {
        expect((await confirm(code)).body).toEqual({
          __type: 'LimitExceededException',
          message: 'Attempt limit exceeded, please try after some time.',
        })
      }

      clockOffsetMs += 15 * 60 * 1000 + 1000
      expect((await confirm(fixedCode)).status).toBe(200)
      await passes(email)
    })
  })
})

describe('secrets at rest and in tokens (Cognito keeps no readable passwords and says email_verified only for a confirmed address)', () => {
  const mode = async (path: string) => (await stat(path)).mode & 0o777

  async function poolFiles(dataDir: string): Promise<string[]> {
    const dir = join(dataDir, 'user-pools')
    return (await readdir(dir)).map((name) => join(dir, name))
  }

  it('keeps the data folder 0700 and its files 0600, also for a folder made before', async () => {
    const dataDir = join(await tempDir(), 'cognito')
    await mkdir(join(dataDir, 'user-pools'), { recursive: true, mode: 0o755 })
    await chmod(dataDir, 0o755)
    await writeFile(join(dataDir, 'user-pools', 'clients.json'), '{}', { mode: 0o644 })
    const pool = await startLocalCognito({ port: 0, dataDir, confirmationCode: fixedCode, log: () => {} })
    try {
      await signUpAndSignIn(pool, 'private@example.com')
      expect(await mode(dataDir)).toBe(0o700)
      expect(await mode(join(dataDir, 'user-pools'))).toBe(0o700)
      const files = [...(await poolFiles(dataDir)), pool.awsCredentials.file]
      expect(files.length).toBeGreaterThanOrEqual(3)
      for (const file of files) expect(await mode(file), file).toBe(0o600)
    } finally {
      await pool.stop()
    }
  })

  it('makes the local backend’s whole data folder 0700, also one made before', async () => {
    const dataDir = join(await tempDir(), 'data')
    await mkdir(dataDir, { mode: 0o755 })
    const backend = await startLocalBackend({ port: 0, cognitoPort: 0, dataDir, log: () => {} })
    try {
      expect(await mode(dataDir)).toBe(0o700)
      expect(await mode(join(dataDir, 'cognito'))).toBe(0o700)
    } finally {
      await backend.stop()
    }
  })

  it('stores no plaintext password, signs in and changes passwords against the hash, and hashes old plaintext at start', async () => {
    const dataDir = await tempDir()
    const first = await startLocalCognito({ port: 0, dataDir, confirmationCode: fixedCode, log: () => {} })
    let poolFile: string
    try {
      const tokens = await signUpAndSignIn(first, 'hashed@example.com')
      ;[poolFile] = (await poolFiles(dataDir)).filter((file) => !file.endsWith('clients.json'))
      const stored = await readFile(poolFile, 'utf8')
      expect(stored).not.toContain(password)
      expect(stored).toMatch(/"Password": "scrypt:N=16384,r=8,p=1:/)

      expect(
        (
          await call(first, 'ChangePassword', {
            AccessToken: tokens.AccessToken,
            PreviousPassword: 'wrong-one',
            ProposedPassword: 'next-password-1',
          })
        ).body,
      ).toEqual({
        __type: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
      })
      await ok(
        call(first, 'ChangePassword', {
          AccessToken: tokens.AccessToken,
          PreviousPassword: password,
          ProposedPassword: 'next-password-1',
        }),
      )
      expect(await readFile(poolFile, 'utf8')).not.toContain('next-password-1')
      await expect(signIn(first, 'hashed@example.com', 'next-password-1')).resolves.toBeDefined()
    } finally {
      await first.stop()
    }

    // A data folder from before hashing: the password sits there as plaintext.
    const legacy = (await readFile(poolFile, 'utf8')).replace(
      /"Password": "scrypt:[^"]+"/,
      '"Password": "legacy-plaintext-1"',
    )
    await writeFile(poolFile, legacy)
    const logLines: string[] = []
    const second = await startLocalCognito({ port: 0, dataDir, log: (line) => logLines.push(line) })
    try {
      expect(await readFile(poolFile, 'utf8')).not.toContain('legacy-plaintext-1')
      expect(logLines).toContainEqual(expect.stringMatching(/^Hashed 1 plaintext password\(s\)/))
      await expect(signIn(second, 'hashed@example.com', 'legacy-plaintext-1')).resolves.toBeDefined()
    } finally {
      await second.stop()
    }
  })

  it('puts email_verified: false in the ID token after the address changed and was not confirmed', async () => {
    const pool = await startLocalCognito({
      port: 0,
      dataDir: await tempDir(),
      confirmationCode: fixedCode,
      log: () => {},
    })
    try {
      const tokens = await signUpAndSignIn(pool, 'moving@example.com')
      expect(claimsOf(tokens.IdToken).email_verified).toBe(true)

      await ok(
        call(pool, 'UpdateUserAttributes', {
          AccessToken: tokens.AccessToken,
          UserAttributes: [{ Name: 'email', Value: 'moved@example.com' }],
        }),
      )
      const { UserAttributes } = await ok<{ UserAttributes: { Name: string; Value: string }[] }>(
        call(pool, 'GetUser', { AccessToken: tokens.AccessToken }),
      )
      expect(UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'false' })
      const after = await signIn(pool, 'moved@example.com')
      expect(claimsOf(after.IdToken)).toMatchObject({ email: 'moved@example.com', email_verified: false })
    } finally {
      await pool.stop()
    }
  })
})
