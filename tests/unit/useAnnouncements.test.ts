import { describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { useAnnouncements } from '@/composables/useAnnouncements'
import type { Announcement } from '@/domain/announcements'
import type { AnnouncementArguments, AnnouncementService } from '@/services/announcements'
import { FakeRealtime } from './support/fakeRealtime'
import { deferred, flushPromises } from './support/deferred'

type Observer = { next(a: Announcement): void; error(reason: string): void }

/** Stands in for the announcements service (the GraphQL client is outside this test's subject). */
class FakeAnnouncements implements AnnouncementService {
  readonly field = 'onAnnouncement'
  open: { args: AnnouncementArguments; observer: Observer; closed: boolean }[] = []
  subscribe(args: AnnouncementArguments, observer: Observer) {
    const entry = { args, observer, closed: false }
    this.open.push(entry)
    return { unsubscribe: () => void (entry.closed = true) }
  }
  publish = vi.fn()
  live() {
    return this.open.filter((entry) => !entry.closed)
  }
  /** What the server does: each open subscription whose groups include one of `groups` gets it. */
  deliver(announcement: Announcement) {
    for (const entry of this.live())
      if (entry.args.onlyGroups.some((group) => announcement.groups.includes(group)))
        entry.observer.next(announcement)
  }
}

const announcement = (id: string, groups: string[], at = '2026-12-01T10:00:00.000Z'): Announcement => ({
  id,
  topic: 'news',
  text: `text ${id}`,
  groups,
  publishedAt: at,
})

function setup(groups: string[], fetchMissed?: (groups: readonly string[]) => Promise<Announcement[]>) {
  const service = new FakeAnnouncements()
  const realtime = new FakeRealtime()
  const userGroups = ref<readonly string[]>(groups)
  const scope = effectScope(true)
  const state = scope.run(() =>
    useAnnouncements({ groups: userGroups, service, realtime, fetchMissed, remember: 4 }),
  )!
  const ackAll = () => {
    for (const entry of service.live())
      realtime.emitAck('onAnnouncement', JSON.parse(JSON.stringify(entry.args)) as Record<string, unknown>)
  }
  return { service, realtime, userGroups, scope, state, ackAll }
}

const manyGroups = Array.from({ length: 17 }, (_, i) => `Group${String(i).padStart(2, '0')}`)

describe('useAnnouncements', () => {
  it('subscribes for every group of the user, at most 8 per subscription', () => {
    const { service, state, scope } = setup(manyGroups)
    expect(service.live().map((entry) => entry.args.onlyGroups.length)).toEqual([8, 8, 1])
    expect(
      service
        .live()
        .flatMap((entry) => entry.args.onlyGroups)
        .sort(),
    ).toEqual(manyGroups)
    expect(service.live().every((entry) => entry.args.prefix === '')).toBe(true)
    expect(state.subscriptions.value).toBe(3)
    scope.stop()
    expect(service.live()).toEqual([])
  })

  it('is ready, then fetches, only once every subscription is acknowledged (acks compared by value)', async () => {
    const fetched = deferred<Announcement[]>()
    const fetchMissed = vi.fn((_groups: readonly string[]) => fetched.promise)
    const { service, realtime, state } = setup(manyGroups, fetchMissed)
    const [first, second, third] = service.live()
    realtime.emitAck('onAnnouncement', { prefix: '', onlyGroups: [...first.args.onlyGroups] })
    realtime.emitAck('onAnnouncement', { prefix: '', onlyGroups: [...second.args.onlyGroups] })
    // Another subscription's acknowledgement, and one with other arguments, count for nothing.
    realtime.emitAck('onCreateTeamChatByTeam', { prefix: '', onlyGroups: [...third.args.onlyGroups] })
    realtime.emitAck('onAnnouncement', { prefix: 'x', onlyGroups: [...third.args.onlyGroups] })
    await flushPromises()
    expect(fetchMissed).not.toHaveBeenCalled()
    expect(state.state.value).toBe('connecting')

    // Delivered before everything is up: held, not shown yet.
    service.deliver(announcement('early', ['Group00']))
    realtime.emitAck('onAnnouncement', { prefix: '', onlyGroups: [...third.args.onlyGroups] })
    expect(fetchMissed).toHaveBeenCalledTimes(1)
    expect(fetchMissed.mock.calls[0][0]).toEqual(manyGroups)
    expect(state.items.value).toEqual([])
    expect(state.state.value).toBe('connecting')

    fetched.resolve([announcement('missed', ['Group16'], '2026-12-01T09:00:00.000Z')])
    await flushPromises()
    expect(state.state.value).toBe('ready')
    expect(state.items.value.map((a) => a.id)).toEqual(['early', 'missed'])
    expect(state.unread.value).toBe(2)
  })

  it('shows an announcement to groups in two of its subscriptions once', async () => {
    const { service, state, ackAll } = setup(manyGroups)
    ackAll()
    await flushPromises()
    const both = announcement('both', ['Group00', 'Group10', 'Group16'])
    service.deliver(both)
    expect(service.live().length).toBe(3)
    expect(state.items.value.map((a) => a.id)).toEqual(['both'])
    expect(state.unread.value).toBe(1)
    expect(state.latest.value?.id).toBe('both')
    // Sent again by the server (same id): still once.
    service.deliver(both)
    expect(state.items.value).toHaveLength(1)
  })

  it('counts unread until read', async () => {
    const { service, state, ackAll } = setup(['TeamRed'])
    ackAll()
    await flushPromises()
    service.deliver(announcement('a', ['TeamRed']))
    service.deliver(announcement('b', ['TeamRed'], '2026-12-01T11:00:00.000Z'))
    expect(state.unread.value).toBe(2)
    expect(state.items.value.map((a) => a.id)).toEqual(['b', 'a'])
    state.markRead()
    expect(state.unread.value).toBe(0)
  })

  it('fetches again after a reconnection, once every subscription is acknowledged again', async () => {
    const fetchMissed = vi.fn(async () => [] as Announcement[])
    const { realtime, state, ackAll } = setup(['TeamRed', 'Admins'], fetchMissed)
    ackAll()
    await flushPromises()
    expect(fetchMissed).toHaveBeenCalledTimes(1)
    realtime.emitLink('disrupted')
    expect(state.state.value).toBe('connecting')
    ackAll()
    await flushPromises()
    expect(fetchMissed).toHaveBeenCalledTimes(2)
    expect(state.state.value).toBe('ready')
  })

  it('stays ready when another subscription starts on the shared socket (aws-amplify reports Connecting)', async () => {
    const { service, realtime, state, ackAll } = setup(['TeamBlue'])
    ackAll()
    await flushPromises()
    expect(state.state.value).toBe('ready')
    // A team room opening its subscriptions: Connecting, then Connected, and only their acknowledgements.
    realtime.emitLink('connecting')
    realtime.emitAck('onCreateTeamChatByTeam', { team: 'TeamBlue' })
    realtime.emitLink('connected')
    expect(state.state.value).toBe('ready')
    service.deliver(announcement('after', ['TeamBlue', 'Admins']))
    expect(state.items.value.map((a) => a.id)).toEqual(['after'])
    expect(state.latest.value?.id).toBe('after')
  })

  it('resubscribes when the groups change (a refreshed token), and subscribes to nothing without groups', async () => {
    const { service, state, userGroups, realtime } = setup(['TeamRed'])
    const before = service.live()
    userGroups.value = ['TeamBlue', 'TeamRed']
    await nextTick()
    expect(before.every((entry) => entry.closed)).toBe(true)
    expect(service.live().map((entry) => entry.args.onlyGroups)).toEqual([['TeamBlue', 'TeamRed']])
    userGroups.value = ['TeamRed', 'TeamBlue']
    await nextTick()
    expect(service.open).toHaveLength(2)
    userGroups.value = []
    await nextTick()
    expect(service.live()).toEqual([])
    expect(state.state.value).toBe('idle')
    expect(realtime.listenerCount).toBe(0)
  })
})
