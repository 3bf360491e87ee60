import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LocalBackend } from '../../local-backend/src/startLocalBackend'
import { localDynamoDbCredentials, startDynamoDb } from '../../local-backend/src/dynamodb/startDynamoDb'
import { defaultAuthCliInputsPath } from '../../local-backend/src/cognito/amplifyAuthSettings'
import { startLocalCognito } from '../../local-backend/src/cognito/startLocalCognito'
import { configureAmplify } from '../../testkit/backend/amplifyClient'
import {
  cognitoCall,
  createTestUser,
  signInTestUser,
  type TestUser,
} from '../../testkit/backend/cognitoUsers'
import { forgeToken } from '../../testkit/backend/forgeToken'
import { postGraphql, startTestBackend, TEST_CONFIRMATION_CODE } from '../../testkit/backend/testBackend'
import { claimDisplayName, createCloseRoomChat, updateCloseRoomChat } from '../../src/graphql/mutations'
import { closeRoomChatsByRoomName, getCloseRoomChat } from '../../src/graphql/queries'

/**
 * Display names on the real compiled API and the local user pool, through aws-amplify v6 as the app calls
 * them: the closed chat's author is the `preferred_username` of the poster's ID token, claimed for them so
 * that no two accounts share a name in any letter case; nothing public comes from the e-mail address.
 */
let backend: LocalBackend
let amplify: ReturnType<typeof configureAmplify>

beforeAll(async () => {
  backend = await startTestBackend()
  amplify = configureAmplify(backend.config)
})
afterAll(() => backend?.stop())

type GraphqlClient = { graphql(options: object): Promise<{ data: Record<string, Record<string, unknown>> }> }
const client = () => amplify.client as unknown as GraphqlClient

/** As the app posts to the closed chat: user-pool mode with the ID token (`withIdToken: false` sends the access token). */
function asUser(user: TestUser, query: string, variables: Record<string, unknown> = {}, withIdToken = true) {
  amplify.signInAs(user)
  return client().graphql({
    query,
    variables,
    authMode: 'userPool',
    ...(withIdToken ? { authToken: user.idToken } : {}),
  })
}

const post = (user: TestUser, roomName: string, message: string, withIdToken = true) =>
  asUser(user, createCloseRoomChat, { input: { roomName, message } }, withIdToken)

async function roomMessages(roomName: string) {
  const { data } = await client().graphql({
    query: closeRoomChatsByRoomName,
    variables: { roomName },
    authMode: 'apiKey',
  })
  return data.closeRoomChatsByRoomName.items as { message: string; authorName: string; owner: string }[]
}

/** The GraphQL error a call failed with (aws-amplify v6 rejects with `{ errors }`). */
async function failure(call: Promise<unknown>): Promise<{ message: string; errorType?: string }> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  )
  const first = (outcome as { errors?: { message: string; errorType?: string }[] } | undefined)?.errors?.[0]
  if (!first) throw new Error(`expected a GraphQL error, got ${JSON.stringify(outcome)}`)
  return first
}

/** Changes a user's display name through Cognito (UpdateUserAttributes) and signs in again for new tokens. */
async function changeDisplayName(user: TestUser, displayName: string): Promise<TestUser> {
  await cognitoCall(backend.cognitoEndpoint, 'UpdateUserAttributes', {
    AccessToken: user.accessToken,
    UserAttributes: [{ Name: 'preferred_username', Value: displayName }],
  })
  return signInTestUser(backend, user.email, user.password)
}

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>

describe('the author of a closed-chat message', () => {
  it('is the display name from the ID token; nothing of the e-mail address is stored or served', async () => {
    const user = await createTestUser(
      backend,
      'mailbox.secret@example.com',
      TEST_CONFIRMATION_CODE,
      undefined,
      'Ann',
    )
    expect(claimsOf(user.idToken).preferred_username).toBe('Ann')
    const { data } = await post(user, 'authors', 'hello from Ann')
    expect(data.createCloseRoomChat).toMatchObject({ authorName: 'Ann', message: 'hello from Ann' })
    const [stored] = await roomMessages('authors')
    expect(stored.authorName).toBe('Ann')
    expect(JSON.stringify(await roomMessages('authors'))).not.toMatch(/mailbox|secret|example\.com/)
  })

  it('is refused with the access token, which carries no display name', async () => {
    const user = await createTestUser(
      backend,
      'access@example.com',
      TEST_CONFIRMATION_CODE,
      undefined,
      'Accessor',
    )
    const error = await failure(post(user, 'access-token', 'with the access token', false))
    expect(error).toMatchObject({ errorType: 'IdTokenRequired', message: expect.stringMatching(/ID token/) })
    expect(await roomMessages('access-token')).toEqual([])
  })

  it('is required: an account without a display name cannot post, and is told to choose one', async () => {
    const user = await createTestUser(
      backend,
      'nameless@example.com',
      TEST_CONFIRMATION_CODE,
      undefined,
      null,
    )
    const error = await failure(post(user, 'nameless', 'who am I'))
    expect(error).toMatchObject({
      errorType: 'DisplayNameRequired',
      message: expect.stringMatching(/no display name yet: choose one/),
    })
    expect(await roomMessages('nameless')).toEqual([])
  })

  it.each([
    ['a space', 'two words'],
    ['one character', 'x'],
    ['33 characters', 'a'.repeat(33)],
    ['a Cyrillic a that looks Latin', '\u0430lice'],
    ['markup', '<b>x</b>'],
    ['an @', 'me@example.com'],
  ])('is refused when malformed (%s), with the rule', async (_what, displayName) => {
    const email = `malformed-${displayName.length}-${Buffer.from(displayName).toString('hex').slice(0, 12)}@example.com`
    const user = await createTestUser(backend, email, TEST_CONFIRMATION_CODE, undefined, displayName)
    const error = await failure(post(user, 'malformed', 'hi'))
    expect(error).toMatchObject({
      errorType: 'DisplayNameInvalid',
      message: expect.stringMatching(/2 to 32 letters, digits, '\.', '-' or '_'/),
    })
    expect(await roomMessages('malformed')).toEqual([])
  })

  it('cannot be sent by the client, at creation or in an edit', async () => {
    const user = await createTestUser(
      backend,
      'sender@example.com',
      TEST_CONFIRMATION_CODE,
      undefined,
      'Sender',
    )
    const created = await failure(
      asUser(user, createCloseRoomChat, { input: { roomName: 'sent', message: 'hi', authorName: 'admin' } }),
    )
    expect(created).toMatchObject({
      errorType: 'ValidationError',
      message: "Field 'authorName' is set by the server and cannot be sent.",
    })
    const { data } = await post(user, 'sent', 'mine')
    const id = data.createCloseRoomChat.id as string
    const edited = await failure(
      asUser(user, updateCloseRoomChat, { input: { id, message: 'edited', authorName: 'admin' } }),
    )
    expect(edited).toMatchObject({
      errorType: 'ValidationError',
      message: expect.stringMatching(/'authorName' cannot be changed/),
    })
    const read = await client().graphql({ query: getCloseRoomChat, variables: { id }, authMode: 'apiKey' })
    expect(read.data.getCloseRoomChat).toMatchObject({ authorName: 'Sender', message: 'mine' })
  })

  it('cannot be forged: an ID token whose display name was changed is refused', async () => {
    const user = await createTestUser(
      backend,
      'forger@example.com',
      TEST_CONFIRMATION_CODE,
      undefined,
      'Forger',
    )
    const forged = forgeToken(user.idToken, { claims: { preferred_username: 'Ann' } })
    const answer = await postGraphql(
      backend.graphqlEndpoint,
      { query: createCloseRoomChat, variables: { input: { roomName: 'forged', message: 'as Ann' } } },
      { authorization: forged },
    )
    expect(answer.status).toBe(401)
    expect(await roomMessages('forged')).toEqual([])
  })
})

describe('display names are unique without regard to letter case', () => {
  let alice: TestUser

  beforeAll(async () => {
    alice = await createTestUser(backend, 'first@example.com', TEST_CONFIRMATION_CODE, undefined, 'Alice')
    const { data } = await asUser(alice, claimDisplayName)
    expect(data.claimDisplayName).toEqual({ displayName: 'Alice', __typename: 'DisplayNameClaimResult' })
  })

  it('refuses a name taken in another case at sign-up, before the second account posts', async () => {
    const second = await createTestUser(
      backend,
      'second@example.com',
      TEST_CONFIRMATION_CODE,
      undefined,
      'alice',
    )
    const claimed = await failure(asUser(second, claimDisplayName))
    expect(claimed).toMatchObject({
      errorType: 'DisplayNameTaken',
      message:
        "The display name 'alice' is taken (names are compared without regard to letter case): choose another.",
    })
    const posted = await failure(post(second, 'unique', 'as alice'))
    expect(posted.errorType).toBe('DisplayNameTaken')
    expect(await roomMessages('unique')).toEqual([])
  })

  it('refuses it when an account changes its name (UpdateUserAttributes), and accepts a free one', async () => {
    let carol = await createTestUser(backend, 'carol@example.com', TEST_CONFIRMATION_CODE, undefined, 'Carol')
    await post(carol, 'renamed', 'as Carol')
    carol = await changeDisplayName(carol, 'ALICE')
    expect((await failure(asUser(carol, claimDisplayName))).errorType).toBe('DisplayNameTaken')
    expect((await failure(post(carol, 'renamed', 'as ALICE'))).errorType).toBe('DisplayNameTaken')
    carol = await changeDisplayName(carol, 'Carol.B')
    await post(carol, 'renamed', 'as Carol.B')
    expect((await roomMessages('renamed')).map((m) => m.authorName).sort()).toEqual(['Carol', 'Carol.B'])
  })

  it('keeps a released spelling with its holder: the holder may change the case, nobody else may take the old name', async () => {
    alice = await changeDisplayName(alice, 'ALICE')
    const { data } = await post(alice, 'holder', 'still me')
    expect(data.createCloseRoomChat.authorName).toBe('ALICE')
    alice = await changeDisplayName(alice, 'Alice2')
    await post(alice, 'holder', 'renamed')
    const late = await createTestUser(backend, 'late@example.com', TEST_CONFIRMATION_CODE, undefined, 'aLiCe')
    expect((await failure(post(late, 'holder', 'taking the old name'))).errorType).toBe('DisplayNameTaken')
  })

  it('compares every letter: a name with one letter many times in capitals is the same name', async () => {
    const bobby = await createTestUser(
      backend,
      'bobby@example.com',
      TEST_CONFIRMATION_CODE,
      undefined,
      'bobby',
    )
    await post(bobby, 'letters', 'first')
    const shouting = await createTestUser(
      backend,
      'shout@example.com',
      TEST_CONFIRMATION_CODE,
      undefined,
      'BOBBY',
    )
    expect((await failure(post(shouting, 'letters', 'second'))).errorType).toBe('DisplayNameTaken')
    const mixed = await createTestUser(
      backend,
      'mixed@example.com',
      TEST_CONFIRMATION_CODE,
      undefined,
      'BoBbY',
    )
    expect((await failure(post(mixed, 'letters', 'third'))).errorType).toBe('DisplayNameTaken')
    expect((await roomMessages('letters')).map((m) => m.message)).toEqual(['first'])
  })

  it('lets two accounts post at once with one name in two cases: exactly one gets it', async () => {
    const [x, y] = await Promise.all([
      createTestUser(backend, 'race-x@example.com', TEST_CONFIRMATION_CODE, undefined, 'Racer'),
      createTestUser(backend, 'race-y@example.com', TEST_CONFIRMATION_CODE, undefined, 'RACER'),
    ])
    const outcomes = await Promise.allSettled([post(x, 'race', 'x'), post(y, 'race', 'y')])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    expect(await roomMessages('race')).toHaveLength(1)
  })
})

describe('messages from before display names', () => {
  it('keep their stored author, and their owner can still edit them', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'display-names-'))
    let persistent: LocalBackend | undefined
    try {
      persistent = await startTestBackend({ inMemory: false, dataDir })
      const old = await createTestUser(
        persistent,
        'oldtimer@example.com',
        TEST_CONFIRMATION_CODE,
        undefined,
        null,
      )
      const { api } = persistent
      await persistent.stop()
      persistent = undefined
      // The row as the earlier resolver wrote it: authorName was the part of the e-mail before the @.
      const claims = claimsOf(old.idToken)
      const dynamoDb = await startDynamoDb({ dataDir: path.join(dataDir, 'dynamodb'), tables: api.tables })
      const db = new DynamoDBClient({
        endpoint: 'http://dynamodb.in-process.invalid',
        region: localDynamoDbCredentials.region,
        credentials: localDynamoDbCredentials,
        requestHandler: dynamoDb.inProcessRequestHandler as never,
      })
      const at = '2026-01-01T00:00:00.000Z'
      await db.send(
        new PutItemCommand({
          TableName: 'CloseRoomChatTable',
          Item: {
            id: { S: 'old-message' },
            roomName: { S: 'history' },
            message: { S: 'from before display names' },
            owner: { S: `${claims.sub as string}::${old.username}` },
            authorName: { S: 'oldtimer' },
            createdAt: { S: at },
            updatedAt: { S: at },
            __typename: { S: 'CloseRoomChat' },
          },
        }),
      )
      db.destroy()
      await dynamoDb.stop()

      persistent = await startTestBackend({ inMemory: false, dataDir })
      const again = configureAmplify(persistent.config)
      const read = (await again.client.graphql({
        query: closeRoomChatsByRoomName,
        variables: { roomName: 'history' },
        authMode: 'apiKey',
      })) as { data: { closeRoomChatsByRoomName: { items: unknown[] } } }
      expect(read.data.closeRoomChatsByRoomName.items).toEqual([
        expect.objectContaining({
          authorName: 'oldtimer',
          owner: old.username,
          message: 'from before display names',
        }),
      ])
      const user = await signInTestUser(persistent, old.email, old.password)
      again.signInAs(user)
      const edited = (await again.client.graphql({
        query: updateCloseRoomChat,
        variables: { input: { id: 'old-message', message: 'edited later' } },
        authMode: 'userPool',
      })) as { data: { updateCloseRoomChat: unknown } }
      expect(edited.data.updateCloseRoomChat).toMatchObject({
        authorName: 'oldtimer',
        message: 'edited later',
      })
    } finally {
      await persistent?.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})

describe('a local user pool made before display names', () => {
  it('lets its app client write preferred_username after the next start, keeping its accounts', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'display-names-pool-'))
    try {
      // The auth resource as it was: the app client could write only the e-mail.
      const inputs = JSON.parse(await readFile(defaultAuthCliInputsPath, 'utf8')) as {
        cognitoConfig: Record<string, unknown>
      }
      inputs.cognitoConfig.userpoolClientWriteAttributes = ['email']
      inputs.cognitoConfig.userpoolClientReadAttributes = ['email']
      const before = path.join(dataDir, 'cli-inputs-before.json')
      await writeFile(before, JSON.stringify(inputs))
      const options = {
        dataDir: path.join(dataDir, 'cognito'),
        port: 0,
        confirmationCode: TEST_CONFIRMATION_CODE,
      }
      let pool = await startLocalCognito({ ...options, authCliInputsPath: before })
      const backendOf = (p: typeof pool) => ({
        cognitoEndpoint: p.endpoint,
        userPoolClientId: p.userPoolClientId,
      })
      try {
        await expect(
          createTestUser(backendOf(pool), 'early@example.com', TEST_CONFIRMATION_CODE, undefined, 'Early'),
        ).rejects.toThrow(/unauthorized attribute/)
        await createTestUser(backendOf(pool), 'early@example.com', TEST_CONFIRMATION_CODE, undefined, null)
      } finally {
        await pool.stop()
      }
      pool = await startLocalCognito(options)
      try {
        const early = await signInTestUser(backendOf(pool), 'early@example.com', 'Passw0rd!long')
        await cognitoCall(pool.endpoint, 'UpdateUserAttributes', {
          AccessToken: early.accessToken,
          UserAttributes: [{ Name: 'preferred_username', Value: 'Early' }],
        })
        const renamed = await signInTestUser(backendOf(pool), 'early@example.com', 'Passw0rd!long')
        expect(claimsOf(renamed.idToken).preferred_username).toBe('Early')
      } finally {
        await pool.stop()
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
