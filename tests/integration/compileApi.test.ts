import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
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
      'DisplayNameClaimTable',
      'OpenChatTable',
      'RoomChatTable',
      'RoomTable',
      'TeamChatTable',
    ])
    expect(Object.keys(api.mappingTemplates)).toContain('resolvers/Mutation.createRoomChat.init.2.req.vtl')
    expect(api.resolvers.map((r) => `${r.typeName}.${r.fieldName}`)).toContain('Query.roomChatsByRoomName')
    // The custom stack's resolvers (stacks/CustomResources.json) are compiled in too.
    expect(api.resolvers.map((r) => `${r.typeName}.${r.fieldName}`)).toEqual(
      expect.arrayContaining([
        'Mutation.touchRoom',
        'Mutation.announcePresence',
        'Mutation.sendTyping',
        'Mutation.createCloseRoomChat',
        'Mutation.createTeamChat',
        'Mutation.claimDisplayName',
      ]),
    )
    // Both chats with authors post through the same display-name claim, then their own put.
    const pipeline = (fieldName: string) => {
      const resolver = api.resolvers.find((r) => r.typeName === 'Mutation' && r.fieldName === fieldName)
      const functions = resolver?.kind === 'PIPELINE' ? resolver.functions : []
      return functions.map(
        (name) => `${name} on ${api.functions.find((f) => f.name === name)?.dataSourceName}`,
      )
    }
    expect(pipeline('createCloseRoomChat')).toEqual([
      'ClaimDisplayNameFunction on DisplayNameClaimTable',
      'CreateCloseRoomChatPutFunction on CloseRoomChatTable',
    ])
    expect(pipeline('createTeamChat')).toEqual([
      'ClaimDisplayNameFunction on DisplayNameClaimTable',
      'CreateTeamChatPutFunction on TeamChatTable',
    ])
    expect(
      Object.keys(api.mappingTemplates).filter((key) => key.includes('Mutation.createTeamChat')),
    ).toEqual([])
    // ... and stacks/TeamsAndAnnouncements.json's: the team subscriptions share one pair of templates.
    const teamResolvers = api.resolvers.filter((r) =>
      /TeamChatByTeam|Announcement|onCreateTeamChat/.test(r.fieldName),
    )
    expect(teamResolvers.map((r) => `${r.typeName}.${r.fieldName}`).sort()).toEqual([
      'Mutation.publishAnnouncement',
      'Subscription.onAnnouncement',
      'Subscription.onCreateTeamChat',
      'Subscription.onCreateTeamChatByTeam',
      'Subscription.onDeleteTeamChatByTeam',
      'Subscription.onUpdateTeamChatByTeam',
    ])
    expect(Object.keys(api.mappingTemplates)).toContain('resolvers/Subscription.teamChatByTeam.res.vtl')
    // onCreateTeamChat repeats the generated IAM check, which takes its roles from custom-roles.json: the two
    // lists must not drift apart.
    const customRoles = JSON.parse(
      await readFile(path.join(api.project.apiDir, 'custom-roles.json'), 'utf8'),
    ) as { adminRoleNames: string[] }
    const onCreateTeamChat = api.mappingTemplates['resolvers/Subscription.onCreateTeamChat.res.vtl']
    const roles = /#foreach\( \$adminRole in (\[[^\]]*\]) \)/.exec(onCreateTeamChat)?.[1]
    expect(JSON.parse(roles ?? 'null')).toEqual(customRoles.adminRoleNames)
    expect(await readdir(tmp)).toEqual([])
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
})
