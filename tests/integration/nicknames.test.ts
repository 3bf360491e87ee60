import { describe, expect, it } from 'vitest'
import { useSuiteBackend } from '../../testkit/backend/suiteBackend'
import { uniqueTag } from '../../testkit/unique'
import { subscribeAndWait } from '../../testkit/backend/amplifySubscription'
import { createOpenChat, createRoomChat } from '../../src/graphql/mutations'
import { openChatsByChannel, roomChatsByRoomName } from '../../src/graphql/queries'
import { onCreateOpenChat, onCreateRoomChatByRoomName } from '../../src/graphql/subscriptions'
import { amplifyErrors } from './hostileInputHelpers'

// The open and room chats' nicknames (`authorName`, chosen by the sender, unverified): the init slots
// check their form as they check the message, store them with it and deliver them to subscribers, through
// aws-amplify v6 against the real compiled API on the local backend.
const suite = useSuiteBackend()
const unique = (prefix: string) => `${prefix}-${uniqueTag()}`

type Posted = { id: string; message: string; authorName?: string | null }

const postRoom = async (roomName: string, input: Record<string, unknown>): Promise<Posted> =>
  (
    await suite.amplify.client.graphql({
      query: createRoomChat,
      variables: { input: { roomName, ...input } as never },
      authMode: 'apiKey',
    })
  ).data.createRoomChat
const postOpen = async (input: Record<string, unknown>): Promise<Posted> =>
  (
    await suite.amplify.client.graphql({
      query: createOpenChat,
      variables: { input: input as never },
      authMode: 'apiKey',
    })
  ).data.createOpenChat

async function roomMessages(roomName: string): Promise<Posted[]> {
  const result = await suite.amplify.client.graphql({
    query: roomChatsByRoomName,
    variables: { roomName, limit: 100 },
    authMode: 'apiKey',
  })
  return result.data.roomChatsByRoomName!.items.filter((item): item is NonNullable<typeof item> => !!item)
}

describe('nicknames on open and room chat messages', () => {
  it('stores the room chat sender’s nickname with the message and delivers it to the room', async () => {
    const roomName = unique('nick')
    const live = await subscribeAndWait<Posted>(suite.amplify.client, {
      query: onCreateRoomChatByRoomName,
      variables: { roomName },
      authMode: 'apiKey',
    })
    try {
      const posted = await postRoom(roomName, { message: 'hello', authorName: 'Ann Lee' })
      expect(posted.authorName).toBe('Ann Lee')
      const [delivered] = await live.waitFor(1)
      expect(delivered).toMatchObject({
        id: posted.id,
        authorName: 'Ann Lee',
      })
      expect(await roomMessages(roomName)).toEqual([
        expect.objectContaining({ id: posted.id, authorName: 'Ann Lee' }),
      ])
    } finally {
      live.unsubscribe()
    }
  })

  it('stores the open chat sender’s nickname and delivers it', async () => {
    const live = await subscribeAndWait<Posted>(suite.amplify.client, {
      query: onCreateOpenChat,
      authMode: 'apiKey',
    })
    try {
      const posted = await postOpen({ message: 'hi all', authorName: 'guest_7.x-1' })
      const delivered = await live.waitFor(1)
      expect(delivered).toContainEqual(expect.objectContaining({ id: posted.id, authorName: 'guest_7.x-1' }))
      const page = await suite.amplify.client.graphql({
        query: openChatsByChannel,
        variables: { channel: 'open', limit: 100, sortDirection: 'DESC' as never },
        authMode: 'apiKey',
      })
      expect(page.data.openChatsByChannel!.items).toContainEqual(
        expect.objectContaining({ id: posted.id, authorName: 'guest_7.x-1' }),
      )
    } finally {
      live.unsubscribe()
    }
  })

  it('accepts a message without a nickname (older clients, scripts): it has no author', async () => {
    const roomName = unique('anonymous')
    const posted = await postRoom(roomName, { message: 'no name' })
    expect(posted.authorName ?? null).toBeNull()
    expect(await postOpen({ message: 'no name', authorName: null })).toMatchObject({ authorName: null })
  })

  it.each([
    ['an empty nickname', ''],
    ['a nickname of 33 characters', 'a'.repeat(33)],
    ['a nickname with markup', '<b>x</b>'],
    ['a nickname starting with a space', ' Ann'],
    ['a nickname with a newline', 'Ann\nLee'],
    ['a nickname ending with a newline', 'Ann\n'],
    ['a nickname in another script', 'Аnn'],
    ['a nickname with a zero-width space', 'An\u200bn'],
  ])('refuses %s in both chats with a ValidationError, and stores nothing', async (_label, authorName) => {
    const roomName = unique('refused')
    for (const call of [
      postRoom(roomName, { message: 'x', authorName }),
      postOpen({ message: 'x', authorName }),
    ]) {
      const [error] = await amplifyErrors(call)
      expect(error.errorType).toBe('ValidationError')
      expect(error.message).toMatch(/^Nickname must be 1 to 32 letters/)
    }
    expect(await roomMessages(roomName)).toEqual([])
  })
})
