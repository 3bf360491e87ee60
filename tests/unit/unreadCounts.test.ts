import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { mergeRoomActivity } from '@/domain/roomList'
import type { RoomActivity } from '@/domain/roomList'
import {
  countActivity,
  emptyUnread,
  knowActivity,
  markRead,
  titleWithUnread,
  totalUnread,
} from '@/domain/unreadCounts'
import {
  parseJoinedRooms,
  useJoinedRooms,
  JOINED_ROOMS_KEY,
  MAX_JOINED_ROOMS,
} from '@/composables/useJoinedRooms'
import { useUnreadCounts } from '@/composables/useUnreadCounts'
import { useNotifications, type NotificationApi } from '@/composables/useNotifications'

const at = (minute: number) => `2026-12-01T08:${String(minute).padStart(2, '0')}:00.000Z`
const activity = (name: string, minute: number): RoomActivity => ({
  name,
  lastMessageAt: at(minute),
  lastMessagePreview: `${name} at ${minute}`,
})

class MemoryStorage implements Storage {
  private items = new Map<string, string>()
  get length() {
    return this.items.size
  }
  clear() {
    this.items.clear()
  }
  getItem(key: string) {
    return this.items.get(key) ?? null
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null
  }
  removeItem(key: string) {
    this.items.delete(key)
  }
  setItem(key: string, value: string) {
    this.items.set(key, value)
  }
}

describe('rooms list merge', () => {
  it('keeps one entry per room, the newer activity, newest first, capped', () => {
    const list = mergeRoomActivity([activity('a', 1), activity('b', 2)], [activity('a', 3), activity('b', 1)])
    expect(list.map((r) => [r.name, r.lastMessageAt])).toEqual([
      ['a', at(3)],
      ['b', at(2)],
    ])
    const many = Array.from({ length: 30 }, (_, i) => activity(`r${i}`, i))
    expect(mergeRoomActivity([], many, 20).map((r) => r.name)).toEqual(
      Array.from({ length: 20 }, (_, i) => `r${29 - i}`),
    )
  })
})

describe('unread counting', () => {
  it('counts newer activity in a joined room not being read, once per new message time', () => {
    let state = knowActivity(emptyUnread(), [activity('a', 1)])
    const watched = { watched: true, reading: false }
    // Known already (the list was loaded with it), or a repeated report: not unread.
    expect(countActivity(state, activity('a', 1), watched).counted).toBe(false)
    for (const minute of [2, 3, 3, 2]) state = countActivity(state, activity('a', minute), watched).state
    expect(state.counts).toEqual({ a: 2 })
    // Read, or not joined: not counted, but remembered as seen.
    let result = countActivity(state, activity('b', 5), { watched: false, reading: false })
    expect(result.counted).toBe(false)
    result = countActivity(result.state, activity('a', 6), { watched: true, reading: true })
    expect(result.state.counts).toEqual({ a: 2 })
    expect(totalUnread(markRead(result.state, 'a'))).toBe(0)
  })

  it('puts the total in front of the title, and takes it away', () => {
    expect(titleWithUnread('Room Chat · App', 3)).toBe('(3) Room Chat · App')
    expect(titleWithUnread('(3) Room Chat · App', 120)).toBe('(99+) Room Chat · App')
    expect(titleWithUnread('(99+) Room Chat · App', 0)).toBe('Room Chat · App')
  })

  it('counts for rooms in other tabs and for the room shown while the page is hidden', async () => {
    const loadListeners: ((rooms: readonly RoomActivity[]) => void)[] = []
    const activityListeners: ((room: RoomActivity) => void)[] = []
    const list = {
      onLoad: (l: (rooms: readonly RoomActivity[]) => void) => (loadListeners.push(l), () => {}),
      onActivity: (l: (room: RoomActivity) => void) => (activityListeners.push(l), () => {}),
    }
    const current = ref('a')
    const visible = ref(true)
    const notified: string[] = []
    const scope = effectScope()
    const unread = scope.run(() =>
      useUnreadCounts({ list, joined: ['a', 'b'], current, visible, onUnread: (r) => notified.push(r.name) }),
    )!
    loadListeners.forEach((l) => l([activity('a', 1), activity('b', 1)]))
    const report = (room: RoomActivity) => activityListeners.forEach((l) => l(room))
    report(activity('a', 2))
    report(activity('b', 2))
    report(activity('c', 2))
    expect(unread.counts.value).toEqual({ b: 1 })
    visible.value = false
    await nextTick()
    report(activity('a', 3))
    expect(unread.counts.value).toEqual({ a: 1, b: 1 })
    expect(unread.total.value).toBe(2)
    expect(notified).toEqual(['b', 'a'])
    visible.value = true
    await nextTick()
    expect(unread.counts.value).toEqual({ b: 1 })
    current.value = 'b'
    await nextTick()
    expect(unread.total.value).toBe(0)
    scope.stop()
  })
})

describe('joined rooms', () => {
  it('are remembered across visits, left on request, and start with the default rooms', () => {
    const storage = new MemoryStorage()
    const first = useJoinedRooms(storage)
    expect(first.joined.value).toEqual(['room1', 'room2'])
    first.join('lobby')
    first.join('lobby')
    first.leave('room1')
    expect(useJoinedRooms(storage).joined.value).toEqual(['room2', 'lobby'])
  })

  it('ignore what is not a list of room names, and keep at most the newest joined', () => {
    expect(parseJoinedRooms('nope')).toBeNull()
    expect(parseJoinedRooms(['ok', 'not ok', 3, 'ok'])).toEqual(['ok'])
    const many = Array.from({ length: MAX_JOINED_ROOMS + 5 }, (_, i) => `r${i}`)
    expect(parseJoinedRooms(many)).toHaveLength(MAX_JOINED_ROOMS)
    const storage = new MemoryStorage()
    storage.setItem(JOINED_ROOMS_KEY, '{broken')
    expect(useJoinedRooms(storage).joined.value).toEqual(['room1', 'room2'])
  })
})

describe('notifications', () => {
  function fakeApi(permission: NotificationPermission, answer: NotificationPermission = permission) {
    const shown: { title: string; body?: string }[] = []
    let asked = 0
    const api = class {
      static permission = permission
      static async requestPermission() {
        asked++
        api.permission = answer
        return answer
      }
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body })
      }
    }
    return { api: api as unknown as NotificationApi, shown, asked: () => asked }
  }

  it('asks only on "Notify me", and shows only while hidden once granted', async () => {
    const { api, shown, asked } = fakeApi('default', 'granted')
    const notifications = useNotifications(api, new MemoryStorage())
    notifications.notify('t', 'b', true)
    expect(asked()).toBe(0)
    expect(notifications.state.value).toBe('off')
    await notifications.enable()
    expect(notifications.state.value).toBe('on')
    notifications.notify('visible', 'b', false)
    notifications.notify('hidden', 'b', true)
    expect(shown.map((n) => n.title)).toEqual(['hidden'])
  })

  it('shows nothing when the browser denies, and says so', async () => {
    const { api, shown } = fakeApi('default', 'denied')
    const notifications = useNotifications(api, new MemoryStorage())
    await notifications.enable()
    expect(notifications.state.value).toBe('denied')
    notifications.notify('hidden', 'b', true)
    expect(shown).toEqual([])
    expect(useNotifications(null).state.value).toBe('unsupported')
  })
})
