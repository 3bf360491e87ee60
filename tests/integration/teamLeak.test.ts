/**
 * Leak test for everything scoped by Cognito groups, on the real compiled API (local backend): many users in
 * different group mixes subscribe to everything they may, publishers send to every combination of groups
 * (announcements) and into every team (team chat), and each user must receive exactly what their groups may
 * see, once each after deduplication, and nothing else. Users also try what they may not (subscribing to
 * another group's announcements or team, posting into a team they are not in): every such try must be
 * refused.
 *
 * Each user has a real-time connection of their own (the raw AppSync protocol, as each user's browser has
 * one), authorized with their real ID token. Publishers: a trusted server (IAM, SigV4 with the local
 * credentials) and an Admin (user-pool token) for announcements, members for team messages. Nothing is faked.
 *
 * No fixed waits: after the messages under test, one last message goes to every group (and into every team);
 * a connection delivers in publication order, so once every subscription has that last message, anything
 * that would have leaked to it has arrived too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LocalBackend } from '../../local-backend/src/startLocalBackend'
import { postGraphql, startTestBackend, TEST_CONFIRMATION_CODE } from '../../testkit/backend/testBackend'
import type { TestUser } from '../../testkit/backend/cognitoUsers'
import { AppSyncRealtimeClient, type RealtimeSubscription } from '../../testkit/backend/appSyncRealtimeClient'
import { createGroupUser } from '../../testkit/backend/teamUsers'
import * as mutations from '../../src/graphql/mutations'
import * as subscriptions from '../../src/graphql/subscriptions'
import { signedGraphqlRequest } from '../../scripts/lib/signedGraphql'

const TEAMS = ['TeamRed', 'TeamBlue', 'TeamGreen'] as const
const GROUPS = ['Admins', ...TEAMS] as const
/** onAnnouncement takes at most 8 groups; seed 001's client splits a user's groups into such chunks. */
const MAX_GROUPS_PER_SUBSCRIPTION = 8

/** Twelve users, eleven group mixes (two users share one, to show they are served alike). */
const MIXES: readonly (readonly string[])[] = [
  [],
  ['TeamRed'],
  ['TeamRed'],
  ['TeamBlue'],
  ['TeamGreen'],
  ['TeamRed', 'TeamBlue'],
  ['TeamRed', 'TeamGreen'],
  ['TeamBlue', 'TeamGreen'],
  ['TeamRed', 'TeamBlue', 'TeamGreen'],
  ['Admins'],
  ['Admins', 'TeamRed'],
  ['Admins', 'TeamBlue', 'TeamGreen'],
]

interface Member {
  name: string
  groups: readonly string[]
  user: TestUser
  socket: AppSyncRealtimeClient
  /** Split per group (one subscription each) for every other user, so a message to several groups arrives
   * on several subscriptions and must be deduplicated; in chunks of 8 (one subscription) for the rest. */
  chunkSize: number
  announcementSubscriptions: { onlyGroups: string[]; live: RealtimeSubscription }[]
  teamSubscriptions: { team: string; live: RealtimeSubscription }[]
  modelSubscription?: RealtimeSubscription
}

let backend: LocalBackend
const members: Member[] = []
const report: string[] = []

const isAdmin = (member: Member) => member.groups.includes('Admins')
const teamsReadBy = (member: Member) =>
  isAdmin(member) ? [...TEAMS] : TEAMS.filter((team) => member.groups.includes(team))

/** Every non-empty combination of `items`. */
function combinations<T>(items: readonly T[]): T[][] {
  const result: T[][] = []
  for (let mask = 1; mask < 1 << items.length; mask++)
    result.push(items.filter((_, index) => mask & (1 << index)))
  return result
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = []
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size))
  return result
}

beforeAll(async () => {
  backend = await startTestBackend()
  for (const [index, groups] of MIXES.entries()) {
    const name = `user${String(index + 1).padStart(2, '0')}`
    const user = await createGroupUser(backend, `${name}@example.com`, groups, TEST_CONFIRMATION_CODE)
    const socket = new AppSyncRealtimeClient(
      backend.realtimeEndpoint,
      { Authorization: user.idToken },
      new URL(backend.graphqlEndpoint).host,
    )
    await socket.connect()
    members.push({
      name,
      groups,
      user,
      socket,
      chunkSize: index % 2 === 0 ? 1 : MAX_GROUPS_PER_SUBSCRIPTION,
      announcementSubscriptions: [],
      teamSubscriptions: [],
    })
  }
})

afterAll(async () => {
  for (const member of members) member.socket.close()
  await backend?.stop()
  if (report.length) console.log(report.join('\n'))
})

const publishAsIam = (variables: Record<string, unknown>) =>
  signedGraphqlRequest<{ publishAnnouncement: { id: string } | null }>(
    backend.graphqlEndpoint,
    'us-east-1',
    backend.awsCredentials,
    mutations.publishAnnouncement,
    variables,
  )

describe('announcements reach exactly the groups they name', () => {
  it('12 users, every combination of groups, IAM and Admin publishers', async () => {
    // Subscribe to everything each user may: all their groups, split as the client splits them.
    let refusedSubscriptions = 0
    for (const member of members) {
      for (const onlyGroups of chunks(member.groups, member.chunkSize)) {
        const live = await member.socket.subscribe(subscriptions.onAnnouncement, { prefix: '', onlyGroups })
        member.announcementSubscriptions.push({ onlyGroups, live })
      }
      // ... and try every group they are not in: refused.
      for (const group of GROUPS.filter((g) => !member.groups.includes(g))) {
        await expect(
          member.socket.subscribe(subscriptions.onAnnouncement, { prefix: '', onlyGroups: [group] }),
        ).rejects.toThrow('Not Authorized to access onAnnouncement on type Subscription')
        refusedSubscriptions++
      }
    }

    // One announcement per combination of groups, alternately from the server (IAM) and an Admin.
    const adminPublisher = members.find((m) => m.groups.length === 1 && m.groups[0] === 'Admins')!
    const sent: { id: string; groups: string[] }[] = []
    for (const [index, groups] of [...combinations(GROUPS), [...GROUPS]].entries()) {
      const variables = {
        topic: `leak:${index}`,
        data: JSON.stringify({ index, groups }),
        groups,
      }
      let id: string | undefined
      if (index % 2 === 0) {
        const response = await publishAsIam(variables)
        id = response.data?.publishAnnouncement?.id
        expect(response.errors, JSON.stringify(response.errors)).toBeUndefined()
      } else {
        const { json } = await postGraphql(
          backend.graphqlEndpoint,
          { query: mutations.publishAnnouncement, variables },
          { Authorization: adminPublisher.user.idToken },
        )
        expect(json.errors, JSON.stringify(json.errors)).toBeUndefined()
        id = (json.data?.publishAnnouncement as { id: string }).id
      }
      sent.push({ id: id!, groups })
    }
    const last = sent[sent.length - 1]

    // Wait until every subscription has the last announcement (sent to every group).
    await Promise.all(
      members.flatMap((m) =>
        m.announcementSubscriptions.map(({ live }) =>
          waitUntil(live, (items) => items.some((item) => item.id === last.id)),
        ),
      ),
    )

    let due = 0
    let received = 0
    let rawDeliveries = 0
    let duplicatesDropped = 0
    report.push(
      '',
      'Announcements: user, groups, subscriptions, due, received (deduplicated), raw deliveries',
    )
    for (const member of members) {
      const expected = sent
        .filter(({ groups }) => groups.some((group) => member.groups.includes(group)))
        .map(({ id }) => id)
        .sort()
      const seen = new Set<string>()
      let raw = 0
      for (const { onlyGroups, live } of member.announcementSubscriptions) {
        for (const item of live.received) {
          raw++
          // Nothing arrives on a subscription that none of its groups may see ...
          expect(
            (item.groups as string[]).some((group) => onlyGroups.includes(group)),
            `${member.name} got ${JSON.stringify(item)} on ${onlyGroups.join(',')}`,
          ).toBe(true)
          // ... and each announcement arrives once per subscription.
          expect(live.received.filter((other) => other.id === item.id)).toHaveLength(1)
          seen.add(item.id as string)
        }
        const dueHere = sent.filter(({ groups }) => groups.some((group) => onlyGroups.includes(group)))
        expect(live.received.map((item) => item.id).sort()).toEqual(dueHere.map(({ id }) => id).sort())
      }
      // Deduplicated by id across the user's subscriptions, as the client does: exactly their groups'.
      expect([...seen].sort(), member.name).toEqual(expected)
      due += expected.length
      received += seen.size
      rawDeliveries += raw
      duplicatesDropped += raw - seen.size
      report.push(
        `  ${member.name} [${member.groups.join(', ') || 'no groups'}]: ${member.announcementSubscriptions.length} subscription(s), due ${expected.length}, received ${seen.size}, raw ${raw}`,
      )
    }
    report.push(
      `  ${members.length} users, ${new Set(MIXES.map((m) => m.join())).size} group mixes, ${sent.length} announcements ` +
        `(every combination of ${GROUPS.join(', ')}, plus all together); deliveries due ${due}, received ${received} ` +
        `(${rawDeliveries} raw, ${duplicatesDropped} duplicates across a user's subscriptions dropped); ` +
        `${refusedSubscriptions} subscriptions to groups not the user's refused`,
    )
    expect(received).toBe(due)
  })
})

describe('team rooms reach exactly their team and Admins', () => {
  it('12 users subscribe to every team they may; members post into every team; outsiders are refused', async () => {
    let refusedSubscriptions = 0
    for (const member of members) {
      for (const team of teamsReadBy(member)) {
        const live = await member.socket.subscribe(subscriptions.onCreateTeamChatByTeam, { team })
        member.teamSubscriptions.push({ team, live })
      }
      for (const team of TEAMS.filter((t) => !teamsReadBy(member).includes(t))) {
        await expect(member.socket.subscribe(subscriptions.onCreateTeamChatByTeam, { team })).rejects.toThrow(
          'Not Authorized to access onCreateTeamChatByTeam on type Subscription',
        )
        refusedSubscriptions++
      }
      // The generated model subscription, for anyone in a group: filtered to the user's teams (Admins: all).
      // A user in no group is refused it (the transformer's rule has nothing to filter on).
      if (member.groups.length > 0)
        member.modelSubscription = await member.socket.subscribe(subscriptions.onCreateTeamChat, {})
      else {
        await expect(member.socket.subscribe(subscriptions.onCreateTeamChat, {})).rejects.toThrow(
          'Not Authorized to access onCreateTeamChat on type Subscription',
        )
        refusedSubscriptions++
      }
    }

    // Every member posts one message into each of their teams; everyone else tries each team and is refused.
    const sent: { id: string; team: string }[] = []
    let refusedPosts = 0
    for (const member of members) {
      for (const team of TEAMS) {
        const { json } = await postGraphql(
          backend.graphqlEndpoint,
          {
            query: mutations.createTeamChat,
            variables: { input: { team, message: `${member.name} in ${team}` } },
          },
          { Authorization: member.user.idToken },
        )
        if (member.groups.includes(team)) {
          expect(json.errors, JSON.stringify(json.errors)).toBeUndefined()
          sent.push({ id: (json.data?.createTeamChat as { id: string }).id, team })
        } else {
          expect(json.data?.createTeamChat ?? null).toBeNull()
          expect(json.errors?.[0]?.message).toBe('Not Authorized to access createTeamChat on type Mutation')
          refusedPosts++
        }
      }
    }
    // The last message of each team, posted by a member of all three.
    const allTeams = members.find((m) => m.groups.length === 3 && !isAdmin(m))!
    const lastOfTeam = new Map<string, string>()
    for (const team of TEAMS) {
      const { json } = await postGraphql(
        backend.graphqlEndpoint,
        { query: mutations.createTeamChat, variables: { input: { team, message: `last in ${team}` } } },
        { Authorization: allTeams.user.idToken },
      )
      const id = (json.data?.createTeamChat as { id: string }).id
      sent.push({ id, team })
      lastOfTeam.set(team, id)
    }
    await Promise.all(
      members.flatMap((m) => [
        ...m.teamSubscriptions.map(({ team, live }) =>
          waitUntil(live, (items) => items.some((item) => item.id === lastOfTeam.get(team))),
        ),
        ...(m.modelSubscription
          ? teamsReadBy(m).map((team) =>
              waitUntil(m.modelSubscription!, (items) =>
                items.some((item) => item.id === lastOfTeam.get(team)),
              ),
            )
          : []),
      ]),
    )

    let due = 0
    let received = 0
    report.push('', 'Team rooms: user, groups, due, received (team subscriptions; model subscription)')
    for (const member of members) {
      for (const { team, live } of member.teamSubscriptions) {
        const dueHere = sent.filter((message) => message.team === team).map(({ id }) => id)
        expect(
          live.received.every((item) => item.team === team),
          `${member.name} on ${team}`,
        ).toBe(true)
        expect(live.received.map((item) => item.id).sort(), `${member.name} on ${team}`).toEqual(
          dueHere.sort(),
        )
        due += dueHere.length
        received += live.received.length
      }
      const readable = teamsReadBy(member)
      const dueModel = sent.filter((message) => readable.includes(message.team as never)).map(({ id }) => id)
      const gotModel = member.modelSubscription?.received.map((item) => item.id as string) ?? []
      expect(gotModel.sort(), `${member.name} on onCreateTeamChat`).toEqual(dueModel.sort())
      due += dueModel.length
      received += gotModel.length
      report.push(
        `  ${member.name} [${member.groups.join(', ') || 'no groups'}]: teams ${readable.join(', ') || 'none'}; ` +
          `due ${member.teamSubscriptions.reduce((n, s) => n + sent.filter((m) => m.team === s.team).length, 0)}, ` +
          `received ${member.teamSubscriptions.reduce((n, s) => n + s.live.received.length, 0)}; ` +
          `model subscription due ${dueModel.length}, received ${gotModel.length}`,
      )
    }
    report.push(
      `  ${members.length} users, ${sent.length} team messages into ${TEAMS.length} teams; deliveries due ${due}, ` +
        `received ${received}; ${refusedPosts} posts into a team not the user's refused; ` +
        `${refusedSubscriptions} subscriptions to a team not the user's refused`,
    )
    expect(received).toBe(due)
  })
})

/** Resolves once `done` holds for what the subscription received; fails after a generous ceiling. */
function waitUntil(
  live: RealtimeSubscription,
  done: (items: Record<string, unknown>[]) => boolean,
  timeoutMs = 120_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const check = () => {
      if (done(live.received)) return resolve()
      if (Date.now() - started > timeoutMs)
        return reject(new Error(`Subscription ${live.id}: the last message did not arrive`))
      // Re-checks on each delivery through waitFor's waiter list: ask for one more item than now.
      live.waitFor(live.received.length + 1, timeoutMs).then(check, reject)
    }
    check()
  })
}
