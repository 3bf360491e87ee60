import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { compileApi } from '../../local-backend/src/compile/compileApi'

const originalTmp = process.env.TMPDIR
afterEach(() => {
  process.env.TMPDIR = originalTmp
})

it('compiles every model, index and slot, and leaves no temporary files behind', async () => {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'compile-api-'))
  process.env.TMPDIR = tmp
  try {
    const api = await compileApi()
    expect(api.tables.map((t) => t.TableName).sort()).toEqual([
      'CloseRoomChatTable',
      'OpenChatTable',
      'RoomChatTable',
      'RoomTable',
      'TeamChatTable',
    ])
    expect(Object.keys(api.mappingTemplates)).toContain('resolvers/Mutation.createRoomChat.init.2.req.vtl')
    expect(api.resolvers.map((r) => `${r.typeName}.${r.fieldName}`)).toContain('Query.roomChatsByRoomName')
    // The custom stack's resolvers (stacks/CustomResources.json) are compiled in too.
    expect(api.resolvers.map((r) => `${r.typeName}.${r.fieldName}`)).toEqual(
      expect.arrayContaining(['Mutation.touchRoom', 'Mutation.announcePresence', 'Mutation.sendTyping']),
    )
    // ... and stacks/TeamsAndAnnouncements.json's: the team subscriptions share one pair of templates.
    const teamResolvers = api.resolvers.filter((r) => /TeamChatByTeam|Announcement/.test(r.fieldName))
    expect(teamResolvers.map((r) => `${r.typeName}.${r.fieldName}`).sort()).toEqual([
      'Mutation.publishAnnouncement',
      'Subscription.onAnnouncement',
      'Subscription.onCreateTeamChatByTeam',
      'Subscription.onDeleteTeamChatByTeam',
      'Subscription.onUpdateTeamChatByTeam',
    ])
    expect(Object.keys(api.mappingTemplates)).toContain('resolvers/Subscription.teamChatByTeam.res.vtl')
    expect(await readdir(tmp)).toEqual([])
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
})
