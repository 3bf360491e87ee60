import { describe, expect, it } from 'vitest'
import { useSuiteBackend } from '../../testkit/backend/suiteBackend'
import { subscribeAndWait } from '../../testkit/backend/amplifySubscription'
import { announcePresence, createRoomChat, sendTyping, touchRoom } from '../../src/graphql/mutations'
import { getRoom, roomsByActivity } from '../../src/graphql/queries'
import { onPresenceInRoom, onTouchRoom, onTypingInRoom } from '../../src/graphql/subscriptions'
import { PresenceState } from '../../src/API'
import { amplifyErrors } from './hostileInputHelpers'

// The rooms list (touchRoom, a pipeline over RoomChatTable and RoomTable declared in stacks/CustomResources.json)
// and presence and typing (NONE data source, nothing stored), through aws-amplify v6 against the local backend.
const suite = useSuiteBackend()

let sequence = 0
const unique = (prefix: string) => `${prefix}-${++sequence}`
const CLIENT_A = 'client-aaaa-0001'
const CLIENT_B = 'client-bbbb-0002'

type Room = { name: string; kind: string; lastMessageAt: string; lastMessagePreview: string }

async function post(roomName: string, message: string) {
  const result = await suite.amplify.client.graphql({
    query: createRoomChat,
    variables: { input: { roomName, message } },
    authMode: 'apiKey',
  })
  return result.data.createRoomChat
}
async function touch(roomName: string): Promise<Room> {
  const result = await suite.amplify.client.graphql({
    query: touchRoom,
    variables: { roomName },
    authMode: 'apiKey',
  })
  return result.data.touchRoom as Room
}
async function recentRooms(limit = 100): Promise<Room[]> {
  const result = await suite.amplify.client.graphql({
    query: roomsByActivity,
    variables: { kind: 'room', sortDirection: 'DESC' as never, limit },
    authMode: 'apiKey',
  })
  return result.data.roomsByActivity!.items.filter((room): room is NonNullable<typeof room> => !!room)
}

describe('rooms list (touchRoom)', () => {
  it("records the room's newest stored message, whatever the caller sends", async () => {
    const roomName = unique('touched')
    await post(roomName, 'first')
    const newest = await post(roomName, 'x'.repeat(200))
    const room = await touch(roomName)
    expect(room).toMatchObject({
      name: roomName,
      kind: 'room',
      lastMessageAt: newest.createdAt,
      lastMessagePreview: 'x'.repeat(80),
    })
    const read = await suite.amplify.client.graphql({
      query: getRoom,
      variables: { name: roomName },
      authMode: 'apiKey',
    })
    expect(read.data.getRoom).toMatchObject({ name: roomName, lastMessageAt: newest.createdAt })
  })

  it('accepts a repeated touch with no new message, and keeps the newest after a later post', async () => {
    const roomName = unique('again')
    const first = await post(roomName, 'one')
    expect(await touch(roomName)).toMatchObject({ lastMessageAt: first.createdAt })
    expect(await touch(roomName)).toMatchObject({ lastMessageAt: first.createdAt, lastMessagePreview: 'one' })
    const second = await post(roomName, 'two')
    expect(await touch(roomName)).toMatchObject({
      lastMessageAt: second.createdAt,
      lastMessagePreview: 'two',
    })
  })

  it('refuses a room without messages, and bad names, and stores nothing for them', async () => {
    const empty = unique('empty')
    const [noMessages] = await amplifyErrors(touch(empty))
    expect(noMessages).toMatchObject({ errorType: 'NotFound' })
    expect(noMessages.message).toContain('has no messages')
    const [badName] = await amplifyErrors(touch('no spaces allowed'))
    expect(badName).toMatchObject({ errorType: 'ValidationError' })
    const read = await suite.amplify.client.graphql({
      query: getRoom,
      variables: { name: empty },
      authMode: 'apiKey',
    })
    expect(read.data.getRoom).toBeNull()
  })

  it('lists rooms by last activity, newest first, and the limit caps the list', async () => {
    const older = unique('older')
    const newer = unique('newer')
    await post(older, 'a')
    await touch(older)
    await post(newer, 'b')
    await touch(newer)
    const names = (await recentRooms()).map((room) => room.name)
    expect(names.indexOf(newer)).toBeLessThan(names.indexOf(older))
    expect(await recentRooms(1)).toHaveLength(1)
    const [tooMany] = await amplifyErrors(recentRooms(101))
    expect(tooMany.errorType).toBe('ValidationError')
  })

  it('has no mutation a client could write a Room with', () => {
    // Rooms are written only by touchRoom; the model generates no create/update/delete.
    return import('../../src/graphql/mutations').then((mutations) => {
      expect(
        Object.keys(mutations)
          .filter((name) => /Room$/.test(name))
          .sort(),
      ).toEqual(['touchRoom'])
    })
  })

  it('tells every list subscriber when a room is touched', async () => {
    const live = await subscribeAndWait<Room>(suite.amplify.client, {
      query: onTouchRoom,
      authMode: 'apiKey',
    })
    try {
      const roomName = unique('live')
      await post(roomName, 'hello')
      await touch(roomName)
      const [event] = await live.waitFor(1)
      expect(event).toMatchObject({ name: roomName, lastMessagePreview: 'hello' })
    } finally {
      live.unsubscribe()
    }
  })
})

describe('presence and typing (nothing stored)', () => {
  it("delivers presence and typing to the room's subscribers only", async () => {
    const room = unique('presence')
    const other = unique('elsewhere')
    const presence = await subscribeAndWait<{
      roomName: string
      nickname: string
      state: string
      at: string
    }>(suite.amplify.client, { query: onPresenceInRoom, variables: { roomName: room }, authMode: 'apiKey' })
    const typing = await subscribeAndWait<{ roomName: string; nickname: string }>(suite.amplify.client, {
      query: onTypingInRoom,
      variables: { roomName: room },
      authMode: 'apiKey',
    })
    try {
      await suite.amplify.client.graphql({
        query: announcePresence,
        variables: { roomName: other, nickname: 'Bob', clientId: CLIENT_B, state: PresenceState.HERE },
        authMode: 'apiKey',
      })
      const before = Date.now()
      const announced = await suite.amplify.client.graphql({
        query: announcePresence,
        variables: { roomName: room, nickname: 'Ann Lee', clientId: CLIENT_A, state: PresenceState.HERE },
        authMode: 'apiKey',
      })
      // The server's time, not the client's.
      expect(Date.parse(announced.data.announcePresence!.at)).toBeGreaterThanOrEqual(before - 5000)
      await suite.amplify.client.graphql({
        query: sendTyping,
        variables: { roomName: other, nickname: 'Bob', clientId: CLIENT_B },
        authMode: 'apiKey',
      })
      await suite.amplify.client.graphql({
        query: sendTyping,
        variables: { roomName: room, nickname: 'Ann Lee', clientId: CLIENT_A },
        authMode: 'apiKey',
      })
      const [here] = await presence.waitFor(1)
      const [typed] = await typing.waitFor(1)
      expect(here).toMatchObject({ roomName: room, nickname: 'Ann Lee', clientId: CLIENT_A, state: 'HERE' })
      expect(typed).toMatchObject({ roomName: room, nickname: 'Ann Lee', clientId: CLIENT_A })
      // A later event in this room arrives after the other room's would have: none of the other room's came.
      await suite.amplify.client.graphql({
        query: announcePresence,
        variables: { roomName: room, nickname: 'Ann Lee', clientId: CLIENT_A, state: PresenceState.LEFT },
        authMode: 'apiKey',
      })
      await presence.waitFor(2)
      expect(presence.items.map((item) => item.roomName)).toEqual([room, room])
      expect(presence.items[1].state).toBe('LEFT')
      expect(typing.items.map((item) => item.roomName)).toEqual([room])
    } finally {
      presence.unsubscribe()
      typing.unsubscribe()
    }
  })

  it.each([
    ['an empty nickname', { nickname: '' }],
    ['a nickname of 33 characters', { nickname: 'a'.repeat(33) }],
    ['a nickname with markup', { nickname: '<b>x</b>' }],
    ['a nickname starting with a space', { nickname: ' Ann' }],
    ['a nickname with a newline', { nickname: 'Ann\nLee' }],
    ['a bad room name', { roomName: 'room 1' }],
    ['a room name of 65 characters', { roomName: 'r'.repeat(65) }],
    ['a short client id', { clientId: 'abc' }],
  ])('refuses %s with a ValidationError', async (_label, change) => {
    const base = { roomName: 'room1', nickname: 'Ann', clientId: CLIENT_A }
    const [presence] = await amplifyErrors(
      suite.amplify.client.graphql({
        query: announcePresence,
        variables: { ...base, ...change, state: PresenceState.HERE },
        authMode: 'apiKey',
      }),
    )
    expect(presence.errorType).toBe('ValidationError')
    const [typing] = await amplifyErrors(
      suite.amplify.client.graphql({
        query: sendTyping,
        variables: { ...base, ...change },
        authMode: 'apiKey',
      }),
    )
    expect(typing.errorType).toBe('ValidationError')
  })
})
