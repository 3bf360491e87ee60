import { describe, expect, it, vi } from 'vitest'
import type { RoomEvents } from '@/services/chatRoomSource'
import { createChatRooms } from '@/services/chatRooms'
import { teamChat } from '@/services/chats/teamChat'
import { FakeGraphqlClient } from './support/fakeGraphqlClient'
import { FakeRealtime } from './support/fakeRealtime'

function setup() {
  const graphql = new FakeGraphqlClient()
  const realtime = new FakeRealtime()
  const rooms = createChatRooms(teamChat, {
    client: graphql.client,
    realtime,
    idToken: vi.fn(async () => 'the-id-token'),
  })
  return { graphql, realtime, rooms }
}

const item = (id: string, team: string) => ({
  __typename: 'TeamChat',
  id,
  team,
  message: `m ${id}`,
  owner: 'alice',
  authorName: 'alice',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
})

function recorder(): RoomEvents & { log: string[] } {
  const log: string[] = []
  return {
    log,
    onCreate: (m) => log.push(`create:${m.id}:${m.roomName}`),
    onUpdate: (m) => log.push(`update:${m.id}`),
    onDelete: (m) => log.push(`delete:${m.id}`),
    onReady: () => log.push('ready'),
    onError: (reason) => log.push(`error:${reason}`),
  }
}

describe('team chat descriptor', () => {
  it('reads, subscribes and writes with user pools, and posts with the ID token', async () => {
    const { graphql, rooms } = setup()
    graphql.answers.teamChatsByTeam = () => ({ items: [item('old', 'TeamRed')], nextToken: null })
    graphql.answers.createTeamChat = (variables) => ({
      ...item('new', 'TeamRed'),
      message: (variables.input as { message: string }).message,
    })
    graphql.answers.updateTeamChat = () => item('new', 'TeamRed')
    graphql.answers.deleteTeamChat = () => item('new', 'TeamRed')
    const room = rooms.room('TeamRed', { signedIn: true })
    expect(room.key).toBe('team:TeamRed:userPool')
    expect(rooms.room('TeamBlue', { signedIn: true }).key).not.toBe(room.key)

    const page = await room.fetchPage({ limit: 10 })
    expect(page.items.map((m) => [m.id, m.roomName, m.owner])).toEqual([['old', 'TeamRed', 'alice']])
    expect((await room.send('hello')).message).toBe('hello')
    await room.update!('new', 'edited')
    await room.remove!('new')
    room.subscribe(recorder())

    expect(graphql.calls.map((call) => [call.field, call.authMode, call.authToken])).toEqual([
      ['teamChatsByTeam', 'userPool', undefined],
      ['createTeamChat', 'userPool', 'the-id-token'],
      ['updateTeamChat', 'userPool', undefined],
      ['deleteTeamChat', 'userPool', undefined],
      ['onCreateTeamChatByTeam', 'userPool', undefined],
      ['onUpdateTeamChatByTeam', 'userPool', undefined],
      ['onDeleteTeamChatByTeam', 'userPool', undefined],
    ])
    expect(graphql.callsTo('createTeamChat')[0].variables).toEqual({
      input: { team: 'TeamRed', message: 'hello' },
    })
    expect(graphql.callsTo('onCreateTeamChatByTeam')[0].variables).toEqual({ team: 'TeamRed' })
  })

  it("is ready once the team's three subscriptions are acknowledged, and drops other teams' messages", () => {
    const { graphql, realtime, rooms } = setup()
    const events = recorder()
    rooms.room('TeamRed', { signedIn: true }).subscribe(events)
    for (const field of ['onCreateTeamChatByTeam', 'onUpdateTeamChatByTeam'])
      realtime.emitAck(field, { team: 'TeamRed' })
    realtime.emitAck('onDeleteTeamChatByTeam', { team: 'TeamBlue' })
    expect(events.log).toEqual([])
    realtime.emitAck('onDeleteTeamChatByTeam', { team: 'TeamRed' })
    expect(events.log).toEqual(['ready'])

    graphql.push('onCreateTeamChatByTeam', item('red', 'TeamRed'))
    graphql.push('onCreateTeamChatByTeam', item('blue', 'TeamBlue'))
    graphql.push('onDeleteTeamChatByTeam', item('red', 'TeamRed'))
    expect(events.log).toEqual(['ready', 'create:red:TeamRed', 'delete:red'])
  })

  it('refuses a signed-out post before any call', async () => {
    const { graphql, rooms } = setup()
    await expect(rooms.room('TeamRed').send('hi')).rejects.toThrow(/Sign in/)
    expect(graphql.calls).toEqual([])
  })
})
