import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { LocalBackend } from '../../local-backend/src/startLocalBackend'
import { postGraphql, startTestBackend, TEST_CONFIRMATION_CODE } from '../../testkit/backend/testBackend'
import { AppSyncRealtimeClient } from '../../testkit/backend/appSyncRealtimeClient'
import { createTestUser, type TestUser } from '../../testkit/backend/cognitoUsers'
import { forgeToken } from '../../testkit/backend/forgeToken'
import { createRoomChat } from '../../src/graphql/mutations'
import { onCreateRoomChat, onCreateRoomChatByRoomName } from '../../src/graphql/subscriptions'
import { listCloseRoomChats } from '../../src/graphql/queries'

/**
 * Each of the simulator's known bugs, run against the same API twice in one process: once as the stock
 * simulator serves it (`fixes: false`), where the bug must show, and once with the local backend's fixes,
 * where it must not. A fix that stops working fails the second half; a scenario that cannot see the bug
 * fails the first.
 */
const modes = [
  { name: 'stock simulator', fixes: false },
  { name: 'local backend', fixes: true },
] as const

describe.each(modes)('$name', ({ fixes }) => {
  let backend: LocalBackend
  let alice: TestUser
  const clients: AppSyncRealtimeClient[] = []
  const apiKeyClient = async () => {
    const client = new AppSyncRealtimeClient(backend.realtimeEndpoint, { 'x-api-key': backend.apiKey })
    clients.push(client)
    await client.connect()
    return client
  }
  const post = (roomName: string, message: string) =>
    postGraphql(
      backend.graphqlEndpoint,
      { query: createRoomChat, variables: { input: { roomName, message } } },
      { 'x-api-key': backend.apiKey },
    )

  beforeAll(async () => {
    backend = await startTestBackend({ fixes })
    alice = await createTestUser(backend, 'alice@example.com', TEST_CONFIRMATION_CODE)
  })
  afterAll(async () => {
    clients.forEach((c) => c.close())
    await backend?.stop()
  })

  it(`${fixes ? 'filters' : 'ignores'} subscription arguments (amplify-cli #4725)`, async () => {
    const client = await apiKeyClient()
    const room1 = await client.subscribe(onCreateRoomChatByRoomName, { roomName: 'room1' })
    await post('room2', 'for room2')
    await post('room1', 'for room1')
    const [first] = await room1.waitFor(1)
    // Both messages travel the same ordered connection: a leak shows up as room2 arriving first.
    expect(first.roomName).toBe(fixes ? 'room1' : 'room2')
    room1.stop()
  })

  it(`${fixes ? 'applies' : 'cannot apply'} model subscription filters ($extensions.setSubscriptionFilter, #503)`, async () => {
    const client = await apiKeyClient()
    const started = client.subscribe(onCreateRoomChat, { filter: { roomName: { eq: 'filtered' } } })
    if (!fixes) {
      await expect(started).rejects.toThrow(/Unable to convert|LambdaVersionedConfig|error/i)
      return
    }
    const subscription = await started
    await post('other', 'skip')
    await post('filtered', 'keep')
    const [first] = await subscription.waitFor(1)
    expect(first.roomName).toBe('filtered')
  })

  it(`${fixes ? 'refuses' : 'stores'} a whitespace-only message ($util.isNullOrBlank)`, async () => {
    const { json } = await post('blank', '   ')
    if (fixes) expect(json.errors?.[0].message).toBe('Message must not be empty.')
    else expect(json.data?.createRoomChat).toMatchObject({ message: '   ' })
  })

  it(`${fixes ? 'accepts' : 'rejects'} aws-amplify v6's real-time auth subprotocol (#2221)`, async () => {
    const header = Buffer.from(JSON.stringify({ host: 'localhost', 'x-api-key': backend.apiKey })).toString(
      'base64url',
    )
    const socket = new WebSocket(backend.realtimeEndpoint, ['graphql-ws', `header-${header}`])
    const outcome = await new Promise<string>((resolve) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })))
      socket.on('message', (raw) => resolve(JSON.parse(String(raw)).type))
      socket.on('close', (code) => resolve(`closed ${code}`))
      socket.on('error', () => {})
    })
    socket.terminate()
    expect(outcome).toBe(fixes ? 'connection_ack' : 'closed 1002')
  })

  it(`${fixes ? 'rejects' : 'accepts'} a user-pool token with a forged signature`, async () => {
    const forged = forgeToken(alice.accessToken, { signature: 'forged' })
    const { status, json } = await postGraphql(
      backend.graphqlEndpoint,
      { query: listCloseRoomChats },
      { Authorization: forged },
    )
    if (fixes) {
      expect(status).toBe(401)
      expect(json.errors?.[0]).toMatchObject({ errorType: 'UnauthorizedException' })
    } else {
      expect(json.errors).toBeUndefined()
    }
  })

  it(`${fixes ? 'rejects' : 'accepts'} an expired user-pool token`, async () => {
    const expired = forgeToken(alice.accessToken, {
      claims: { exp: Math.floor(Date.now() / 1000) - 60 },
      resign: true,
    })
    const { status, json } = await postGraphql(
      backend.graphqlEndpoint,
      { query: listCloseRoomChats },
      { Authorization: expired },
    )
    if (fixes) {
      expect(status).toBe(401)
      expect(json.errors?.[0].message).toMatch(/expired/i)
    } else {
      expect(json.errors).toBeUndefined()
    }
  })
})

// Not run against the stock simulator: there the first of these messages ends the test process itself.
describe('local backend: a bad real-time message', () => {
  let backend: LocalBackend
  beforeAll(async () => {
    backend = await startTestBackend()
  })
  afterAll(() => backend?.stop())

  const badStarts = [
    {
      name: 'a start without credentials',
      payload: {
        data: JSON.stringify({ query: 'subscription { onCreateOpenChat { id } }' }),
        extensions: { authorization: {} },
      },
    },
    {
      name: 'a start with a wrong API key',
      payload: {
        data: JSON.stringify({ query: 'subscription { onCreateOpenChat { id } }' }),
        extensions: { authorization: { 'x-api-key': 'da2-wrong' } },
      },
    },
    {
      name: 'a start with a syntax error',
      payload: {
        data: JSON.stringify({ query: 'subscription {' }),
        extensions: { authorization: { 'x-api-key': 'da2-fakeApiId123456' } },
      },
    },
  ]

  it.each(badStarts)('gets an error for $name, and the backend keeps serving', async ({ payload }) => {
    const client = new AppSyncRealtimeClient(backend.realtimeEndpoint, { 'x-api-key': backend.apiKey })
    await client.connect()
    try {
      const reply = await client.sendRaw(JSON.stringify({ id: 'bad', type: 'start', payload }))
      expect(reply).toMatchObject({ type: 'error', id: 'bad' })
      await client.subscribe(onCreateRoomChatByRoomName, { roomName: 'still-serving' })
    } finally {
      client.close()
    }
  })

  it('runs one keep-alive timer per connection (the simulator starts two and leaks one)', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
    const before = timers()
    const clients = Array.from(
      { length: 10 },
      () => new AppSyncRealtimeClient(backend.realtimeEndpoint, { 'x-api-key': backend.apiKey }),
    )
    try {
      await Promise.all(clients.map((c) => c.connect()))
      // Ten connections: ten timers with the fix, twenty without (a little slack for unrelated timers).
      expect(timers() - before).toBeLessThan(15)
    } finally {
      clients.forEach((c) => c.close())
    }
  })

  it('gets an error for a frame that is not JSON, and the backend keeps serving', async () => {
    const client = new AppSyncRealtimeClient(backend.realtimeEndpoint, { 'x-api-key': backend.apiKey })
    await client.connect()
    try {
      expect(await client.sendRaw('not json')).toMatchObject({ type: 'error' })
      await client.subscribe(onCreateRoomChatByRoomName, { roomName: 'still-serving' })
    } finally {
      client.close()
    }
  })
})
