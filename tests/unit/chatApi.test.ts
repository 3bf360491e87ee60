import { describe, expect, it, vi } from 'vitest'
import { createChatApi } from '@/services/chatApi'
import type { ChatDescriptor } from '@/services/chatDescriptor'
import type { RoomEvents } from '@/services/chatRoomSource'
import { createChatRooms } from '@/services/chatRooms'
import { closedChat } from '@/services/chats/closedChat'
import { FakeGraphqlClient } from './support/fakeGraphqlClient'
import { FakeRealtime } from './support/fakeRealtime'
import { deferred, flushPromises } from './support/deferred'

function setup() {
  const graphql = new FakeGraphqlClient()
  const realtime = new FakeRealtime()
  const idToken = vi.fn(async () => 'the-id-token')
  const api = createChatApi({ client: graphql.client, realtime, idToken })
  return { api, graphql, realtime, idToken }
}

function recorder(): RoomEvents & { log: string[] } {
  const log: string[] = []
  return {
    log,
    onCreate: (m) => log.push(`create:${m.id}`),
    onUpdate: (m) => log.push(`update:${m.id}`),
    onDelete: (m) => log.push(`delete:${m.id}`),
    onReady: () => log.push('ready'),
    onError: (reason) => log.push(`error:${reason}`),
  }
}

const item = (id: string, roomName: string, extra: object = {}) => ({
  __typename: 'RoomChat',
  id,
  roomName,
  message: `m ${id}`,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
})

describe('chatApi: auth mode per call', () => {
  it('uses the API key for everything in the open and room chats', async () => {
    const { api, graphql } = setup()
    graphql.answers.openChatsByChannel = () => ({ items: [], nextToken: null })
    graphql.answers.createOpenChat = (v) =>
      item('o1', '', { message: (v.input as { message: string }).message })
    graphql.answers.roomChatsByRoomName = () => ({ items: [], nextToken: null })
    graphql.answers.createRoomChat = () => item('r1', 'room1')

    const open = api.openChatRoom()
    open.subscribe(recorder())
    await open.fetchPage({ limit: 10 })
    await open.send('hi')
    const room = api.roomChatRoom('room1')
    room.subscribe(recorder())
    await room.fetchPage({ limit: 10 })
    await room.send('hi')

    // The room post is followed by touchRoom (the rooms list), with the API key too.
    expect(graphql.calls.map((c) => c.authMode)).toEqual(Array(7).fill('apiKey'))
    expect(graphql.callsTo('touchRoom')[0].variables).toEqual({ roomName: 'room1' })
    expect(graphql.callsTo('openChatsByChannel')[0].variables).toMatchObject({
      channel: 'open',
      sortDirection: 'DESC',
      limit: 10,
    })
    expect(graphql.callsTo('createRoomChat')[0].variables).toEqual({
      input: { roomName: 'room1', message: 'hi' },
    })
  })

  it('reads the closed chat with the API key when signed out and cannot post', async () => {
    const { api, graphql } = setup()
    graphql.answers.closeRoomChatsByRoomName = () => ({ items: [], nextToken: null })
    const closed = api.closedChatRoom('room1', false)
    closed.subscribe(recorder())
    await closed.fetchPage({ limit: 5 })

    expect(graphql.calls.map((c) => [c.field, c.authMode])).toEqual([
      ['onCreateCloseRoomChatByRoomName', 'apiKey'],
      ['onUpdateCloseRoomChatByRoomName', 'apiKey'],
      ['onDeleteCloseRoomChatByRoomName', 'apiKey'],
      ['closeRoomChatsByRoomName', 'apiKey'],
    ])
    await expect(closed.send('hi')).rejects.toThrow('Sign in to post')
    expect(closed.update).toBeUndefined()
    expect(closed.remove).toBeUndefined()
  })

  it('uses user pools when signed in, and the ID token to create (the server reads its email)', async () => {
    const { api, graphql, idToken } = setup()
    graphql.answers.closeRoomChatsByRoomName = () => ({ items: [], nextToken: null })
    graphql.answers.createCloseRoomChat = () =>
      item('c1', 'room1', { owner: 'alice', authorName: 'alice@example.com' })
    graphql.answers.updateCloseRoomChat = () => item('c1', 'room1', { message: 'edited' })
    graphql.answers.deleteCloseRoomChat = () => item('c1', 'room1')
    const closed = api.closedChatRoom('room1', true)
    closed.subscribe(recorder())
    await closed.fetchPage({ limit: 5 })
    const created = await closed.send('hello')
    await closed.update!('c1', 'edited')
    await closed.remove!('c1')

    expect(created).toMatchObject({ id: 'c1', owner: 'alice', authorName: 'alice@example.com' })
    expect(created).not.toHaveProperty('__typename')
    expect(idToken).toHaveBeenCalledTimes(1)
    expect(graphql.calls.map((c) => [c.field, c.authMode, c.authToken])).toEqual([
      ['onCreateCloseRoomChatByRoomName', 'userPool', undefined],
      ['onUpdateCloseRoomChatByRoomName', 'userPool', undefined],
      ['onDeleteCloseRoomChatByRoomName', 'userPool', undefined],
      ['closeRoomChatsByRoomName', 'userPool', undefined],
      ['createCloseRoomChat', 'userPool', 'the-id-token'],
      ['updateCloseRoomChat', 'userPool', undefined],
      ['deleteCloseRoomChat', 'userPool', undefined],
    ])
    expect(graphql.callsTo('createCloseRoomChat')[0].variables).toEqual({
      input: { roomName: 'room1', message: 'hello' },
    })
  })
})

describe('chatApi: subscriptions', () => {
  it('reports ready only when every subscription of the room is acknowledged, and again after a reconnection', () => {
    const { api, realtime } = setup()
    const events = recorder()
    api.closedChatRoom('room1', false).subscribe(events)

    realtime.emitAck('onCreateCloseRoomChatByRoomName', { roomName: 'room1' })
    realtime.emitAck('onUpdateCloseRoomChatByRoomName', { roomName: 'room1' })
    realtime.emitAck('onDeleteCloseRoomChatByRoomName', { roomName: 'room2' })
    expect(events.log).toEqual([])
    realtime.emitAck('onDeleteCloseRoomChatByRoomName', { roomName: 'room1' })
    expect(events.log).toEqual(['ready'])

    realtime.emitLink('disrupted')
    realtime.emitAck('onCreateCloseRoomChatByRoomName', { roomName: 'room1' })
    realtime.emitAck('onUpdateCloseRoomChatByRoomName', { roomName: 'room1' })
    realtime.emitAck('onDeleteCloseRoomChatByRoomName', { roomName: 'room1' })
    expect(events.log).toEqual(['ready', 'ready'])
  })

  it('stays on course when another subscription starts on the shared socket between its acknowledgements', () => {
    const { api, realtime } = setup()
    const events = recorder()
    api.closedChatRoom('room1', false).subscribe(events)

    realtime.emitAck('onCreateCloseRoomChatByRoomName', { roomName: 'room1' })
    realtime.emitAck('onUpdateCloseRoomChatByRoomName', { roomName: 'room1' })
    // aws-amplify reports Connecting whenever any subscription starts on the socket (the announcements
    // bell, say); the ones already acknowledged are not acknowledged again.
    realtime.emitLink('connecting')
    realtime.emitLink('connected')
    realtime.emitAck('onDeleteCloseRoomChatByRoomName', { roomName: 'room1' })
    expect(events.log).toEqual(['ready'])
  })

  it("drops other rooms' messages (the local simulator ignores subscription arguments)", () => {
    const { api, graphql } = setup()
    const events = recorder()
    api.roomChatRoom('room1').subscribe(events)
    graphql.push('onCreateRoomChatByRoomName', item('mine', 'room1'))
    graphql.push('onCreateRoomChatByRoomName', item('other', 'room2'))
    graphql.push('onCreateRoomChatByRoomName', null)
    expect(events.log).toEqual(['create:mine'])
  })

  it('routes update and delete events, reports errors, and closes every subscription', () => {
    const { api, graphql, realtime } = setup()
    const events = recorder()
    const close = api.closedChatRoom('room1', true).subscribe(events)
    graphql.push('onUpdateCloseRoomChatByRoomName', item('a', 'room1'))
    graphql.push('onDeleteCloseRoomChatByRoomName', item('a', 'room1'))
    graphql.fail('onCreateCloseRoomChatByRoomName', { errors: [{ message: 'Not Authorized' }] })
    expect(events.log).toEqual(['update:a', 'delete:a', 'error:Not Authorized'])

    close()
    expect(graphql.unsubscribed.sort()).toEqual([
      'onCreateCloseRoomChatByRoomName',
      'onDeleteCloseRoomChatByRoomName',
      'onUpdateCloseRoomChatByRoomName',
    ])
    expect(realtime.listenerCount).toBe(0)
  })
})

describe('chatApi: history', () => {
  it('maps pages and their next token', async () => {
    const { api, graphql } = setup()
    graphql.answers.roomChatsByRoomName = () => ({
      items: [item('b', 'room1'), null, item('a', 'room1')],
      nextToken: 'tok',
    })
    const page = await api.roomChatRoom('room1').fetchPage({ limit: 2 })
    expect(page.items.map((m) => m.id)).toEqual(['b', 'a'])
    expect(page.nextToken).toBe('tok')
  })

  it('catches up with `ge createdAt`, oldest first, following every page', async () => {
    const { api, graphql } = setup()
    const pages: Record<string, { items: unknown[]; nextToken: string | null }> = {
      start: { items: [item('x', 'room1')], nextToken: 'p2' },
      p2: { items: [item('y', 'room1')], nextToken: null },
    }
    graphql.answers.roomChatsByRoomName = (v) => pages[(v.nextToken as string | null) ?? 'start']
    const missed = await api.roomChatRoom('room1').fetchSince('2026-01-01T00:00:00.000Z')
    expect(missed.map((m) => m.id)).toEqual(['x', 'y'])
    expect(graphql.callsTo('roomChatsByRoomName').map((c) => c.variables)).toEqual([
      {
        roomName: 'room1',
        createdAt: { ge: '2026-01-01T00:00:00.000Z' },
        sortDirection: 'ASC',
        limit: 100,
        nextToken: null,
      },
      {
        roomName: 'room1',
        createdAt: { ge: '2026-01-01T00:00:00.000Z' },
        sortDirection: 'ASC',
        limit: 100,
        nextToken: 'p2',
      },
    ])
  })

  it('passes the server reason through on a refused mutation', async () => {
    const { api, graphql } = setup()
    graphql.answers.createRoomChat = () => {
      throw { errors: [{ message: 'Message must not be empty' }] }
    }
    await expect(api.roomChatRoom('room1').send(' ')).rejects.toEqual({
      errors: [{ message: 'Message must not be empty' }],
    })
  })
})

describe('chatApi: user-pool calls wait for the Cognito set-up', () => {
  // The Cognito token provider is set up after the first paint; a user-pool call made before it would go
  // out without the user's token.
  function setupWithAuthPending() {
    const graphql = new FakeGraphqlClient()
    const ready = deferred<void>()
    const api = createChatApi({
      client: graphql.client,
      realtime: new FakeRealtime(),
      idToken: async () => 'the-id-token',
      userPoolReady: () => ready.promise,
    })
    graphql.answers.closeRoomChatsByRoomName = () => ({ items: [], nextToken: null })
    graphql.answers.createCloseRoomChat = () => item('c1', 'room1')
    return { api, graphql, ready }
  }

  it('holds signed-in reads, posts and subscriptions until it is done', async () => {
    const { api, graphql, ready } = setupWithAuthPending()
    const closed = api.closedChatRoom('room1', true)
    closed.subscribe(recorder())
    const page = closed.fetchPage({ limit: 5 })
    const sent = closed.send('hello')
    await flushPromises()
    expect(graphql.calls).toEqual([])

    ready.resolve()
    await page
    await sent
    expect(graphql.calls.map((c) => [c.field, c.authMode])).toEqual([
      ['onCreateCloseRoomChatByRoomName', 'userPool'],
      ['onUpdateCloseRoomChatByRoomName', 'userPool'],
      ['onDeleteCloseRoomChatByRoomName', 'userPool'],
      ['closeRoomChatsByRoomName', 'userPool'],
      ['createCloseRoomChat', 'userPool'],
    ])
  })

  it('never opens a subscription closed before the set-up is done', async () => {
    const { api, graphql, ready } = setupWithAuthPending()
    const close = api.closedChatRoom('room1', true).subscribe(recorder())
    close()
    ready.resolve()
    await flushPromises()
    expect(graphql.calls).toEqual([])
  })

  it('does not hold API-key calls', async () => {
    const { api, graphql } = setupWithAuthPending()
    const closed = api.closedChatRoom('room1', false)
    closed.subscribe(recorder())
    await closed.fetchPage({ limit: 5 })
    expect(graphql.calls.map((c) => c.authMode)).toEqual(Array(4).fill('apiKey'))
  })

  it('reports a failed set-up as the room error', async () => {
    const { api, graphql, ready } = setupWithAuthPending()
    const events = recorder()
    api.closedChatRoom('room1', true).subscribe(events)
    ready.reject(new Error('Could not load the sign-in code.'))
    await flushPromises()
    expect(graphql.calls).toEqual([])
    expect(events.log).toContain('error:Could not load the sign-in code.')
  })
})

describe('chatRooms: a new chat is a descriptor', () => {
  // A chat read and written with user pools only (as a group-scoped team chat would be), on the closed
  // chat's generated operations: the factory alone chooses every call's auth and what the source offers.
  const userPoolOnly: ChatDescriptor<string, { roomName: string }> = {
    ...closedChat,
    name: 'team',
    auth: { read: 'userPool', write: 'userPool' },
    signInToPost: 'Sign in to post in the team chat.',
  }

  it('uses its auth modes for every call, and offers edits and deletions to a signed-in viewer', async () => {
    const graphql = new FakeGraphqlClient()
    graphql.answers.closeRoomChatsByRoomName = () => ({ items: [item('t1', 'team1')], nextToken: null })
    graphql.answers.createCloseRoomChat = () => item('t2', 'team1')
    graphql.answers.updateCloseRoomChat = () => item('t2', 'team1', { message: 'edited' })
    graphql.answers.deleteCloseRoomChat = () => item('t2', 'team1')
    const rooms = createChatRooms(userPoolOnly, {
      client: graphql.client,
      realtime: new FakeRealtime(),
      idToken: async () => 'unused',
    })
    const team = rooms.room('team1', { signedIn: true })
    team.subscribe(recorder())
    expect((await team.fetchPage({ limit: 5 })).items.map((m) => m.id)).toEqual(['t1'])
    await team.send('hi')
    await team.update!('t2', 'edited')
    await team.remove!('t2')

    expect(team.key).toBe('team:team1:userPool')
    expect(graphql.calls.map((c) => [c.field, c.authMode, c.authToken])).toEqual([
      ['onCreateCloseRoomChatByRoomName', 'userPool', undefined],
      ['onUpdateCloseRoomChatByRoomName', 'userPool', undefined],
      ['onDeleteCloseRoomChatByRoomName', 'userPool', undefined],
      ['closeRoomChatsByRoomName', 'userPool', undefined],
      ['createCloseRoomChat', 'userPool', undefined],
      ['updateCloseRoomChat', 'userPool', undefined],
      ['deleteCloseRoomChat', 'userPool', undefined],
    ])
  })

  it('refuses a signed-out post before any call, and offers no edits', async () => {
    const graphql = new FakeGraphqlClient()
    const rooms = createChatRooms(userPoolOnly, {
      client: graphql.client,
      realtime: new FakeRealtime(),
      idToken: async () => 'unused',
    })
    const team = rooms.room('team1')
    await expect(team.send('hi')).rejects.toThrow('Sign in to post in the team chat.')
    expect(team.update).toBeUndefined()
    expect(team.remove).toBeUndefined()
    expect(graphql.calls).toEqual([])
  })
})
