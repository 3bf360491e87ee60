import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LocalBackend } from '../../local-backend/src/startLocalBackend'
import { startTestBackend, TEST_CONFIRMATION_CODE } from '../../testkit/backend/testBackend'
import { configureAmplify } from '../../testkit/backend/amplifyClient'
import { createTestUser, type TestUser } from '../../testkit/backend/cognitoUsers'
import { subscribeAndWait } from '../../testkit/backend/amplifySubscription'
import { createCloseRoomChat, createRoomChat } from '../../src/graphql/mutations'
import {
  onCreateCloseRoomChat,
  onCreateCloseRoomChatByRoomName,
  onCreateRoomChat,
  onCreateRoomChatByRoomName,
} from '../../src/graphql/subscriptions'

// Subscriptions through aws-amplify v6, as the browser makes them, against the local backend's fixes.
let backend: LocalBackend
let amplify: ReturnType<typeof configureAmplify>
let alice: TestUser

beforeAll(async () => {
  backend = await startTestBackend()
  amplify = configureAmplify(backend.config)
  alice = await createTestUser(backend, 'alice@example.com', TEST_CONFIRMATION_CODE)
})
afterAll(() => backend?.stop())

const postToRoom = (roomName: string, message: string) =>
  amplify.client.graphql({
    query: createRoomChat,
    variables: { input: { roomName, message } },
    authMode: 'apiKey',
  })

describe('subscriptions through aws-amplify v6', () => {
  it('connects over the v6 real-time handshake (auth in the WebSocket subprotocol)', async () => {
    // subscribeAndWait resolves once the server acknowledged the subscription, and rejects on its error.
    const subscribed = subscribeAndWait(amplify.client, {
      query: onCreateRoomChatByRoomName,
      variables: { roomName: 'handshake' },
      authMode: 'apiKey',
    })
    await expect(subscribed).resolves.toBeDefined()
    ;(await subscribed).unsubscribe()
  })

  it('delivers only the subscribed room: the roomName argument filters', async () => {
    const live = await subscribeAndWait<{ roomName: string; message: string }>(amplify.client, {
      query: onCreateRoomChatByRoomName,
      variables: { roomName: 'room1' },
      authMode: 'apiKey',
    })
    // room2 is sent first on the same connection: had it leaked, it would arrive before room1's.
    await postToRoom('room2', 'not for room1')
    await postToRoom('room1', 'for room1')
    const [first] = await live.waitFor(1)
    expect(first).toMatchObject({ roomName: 'room1', message: 'for room1' })
    await postToRoom('room1', 'again')
    await live.waitFor(2)
    expect(live.items.map((i) => i.roomName)).toEqual(['room1', 'room1'])
    live.unsubscribe()
  })

  it('applies a model subscription filter: argument (setSubscriptionFilter)', async () => {
    const live = await subscribeAndWait<{ roomName: string }>(amplify.client, {
      query: onCreateRoomChat,
      variables: { filter: { roomName: { eq: 'filtered' } } },
      authMode: 'apiKey',
    })
    await postToRoom('elsewhere', 'skip me')
    await postToRoom('filtered', 'keep me')
    const [first] = await live.waitFor(1)
    expect(first.roomName).toBe('filtered')
    live.unsubscribe()
  })

  it('lets a signed-in user subscribe to every new closed-chat message (onCreateCloseRoomChat)', async () => {
    amplify.signInAs(alice)
    const live = await subscribeAndWait<{ message: string; owner: string; authorName: string }>(
      amplify.client,
      {
        query: onCreateCloseRoomChat,
        authMode: 'userPool',
      },
    )
    await amplify.client.graphql({
      query: createCloseRoomChat,
      variables: { input: { roomName: 'closed', message: 'from alice' } },
      authMode: 'userPool',
      authToken: alice.idToken,
    })
    const [first] = await live.waitFor(1)
    expect(first.message).toBe('from alice')
    live.unsubscribe()
  })

  it('sends closed-room messages to API-key readers of that room only, with the author name', async () => {
    amplify.signInAs(alice)
    const live = await subscribeAndWait<{ roomName: string; message: string; authorName: string }>(
      amplify.client,
      {
        query: onCreateCloseRoomChatByRoomName,
        variables: { roomName: 'readers' },
        authMode: 'apiKey',
      },
    )
    for (const roomName of ['other', 'readers']) {
      await amplify.client.graphql({
        query: createCloseRoomChat,
        variables: { input: { roomName, message: `to ${roomName}` } },
        authMode: 'userPool',
        authToken: alice.idToken,
      })
    }
    const [first] = await live.waitFor(1)
    expect(first).toMatchObject({ roomName: 'readers', message: 'to readers', authorName: 'alice' })
    live.unsubscribe()
  })
})
