import { beforeEach, describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import { NICKNAME_KEY, createNickname } from '@/composables/useNickname'
import { MAX_OWN_MESSAGES, OWN_MESSAGES_KEY, useOwnMessages } from '@/composables/useOwnMessages'
import type { RoomTraffic } from '@/composables/useChatRoom'
import type { TimelineEntry } from '@/domain/chatMessage'

// The open and room chats' nickname and "mine" marks, kept in the browser's localStorage (jsdom's here).
beforeEach(() => localStorage.clear())

describe('createNickname', () => {
  it('remembers the guest name it makes up, so the browser keeps one name across visits', () => {
    const first = createNickname(localStorage).nickname.value
    expect(first).toMatch(/^Guest \d{4}$/)
    expect(localStorage.getItem(NICKNAME_KEY)).toBe(first)
    expect(createNickname(localStorage).nickname.value).toBe(first)
  })

  it('keeps a chosen name, trimmed, and refuses one the server would refuse without changing it', () => {
    const { nickname, setNickname } = createNickname(localStorage)
    expect(setNickname('  Ann Lee ')).toBeNull()
    expect(nickname.value).toBe('Ann Lee')
    expect(setNickname('<b>x</b>')).toMatch(/letters, digits/)
    expect(setNickname('')).toBe('Enter a nickname.')
    expect(nickname.value).toBe('Ann Lee')
    expect(createNickname(localStorage).nickname.value).toBe('Ann Lee')
  })

  it('replaces a stored name that is no longer valid', () => {
    localStorage.setItem(NICKNAME_KEY, 'x'.repeat(40))
    const { nickname } = createNickname(localStorage)
    expect(nickname.value).toMatch(/^Guest \d{4}$/)
    expect(localStorage.getItem(NICKNAME_KEY)).toBe(nickname.value)
  })

  it('works without storage (disabled): the name holds for the visit', () => {
    const { nickname, setNickname } = createNickname(null)
    expect(setNickname('Bob')).toBeNull()
    expect(nickname.value).toBe('Bob')
  })
})

function fakeRoom() {
  const listeners = new Set<(event: RoomTraffic) => void>()
  return {
    onTraffic(listener: (event: RoomTraffic) => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    sent(id: string) {
      const message = { id, message: 'hi', createdAt: '2026-01-01T00:00:00.000Z' }
      listeners.forEach((listener) => listener({ kind: 'sent', message }))
    },
    listeners,
  }
}
const stored = (id: string): TimelineEntry =>
  ({ id, message: 'hi', createdAt: '2026-01-01T00:00:00.000Z', delivery: 'sent' }) as TimelineEntry

describe('useOwnMessages', () => {
  it('marks what this browser sent and the server stored, after a reload too, and nothing else', () => {
    const room = fakeRoom()
    const scope = effectScope()
    const isMine = scope.run(() => useOwnMessages(room, localStorage))!
    expect(isMine(stored('m1'))).toBe(false)
    room.sent('m1')
    expect(isMine(stored('m1'))).toBe(true)
    expect(isMine(stored('m2'))).toBe(false)
    expect(isMine({ ...stored('local-1'), delivery: 'pending' })).toBe(true)
    scope.stop()
    expect(room.listeners.size).toBe(0)
    // A reload: a new page reads what the last one remembered.
    const again = effectScope().run(() => useOwnMessages(fakeRoom(), localStorage))!
    expect(again(stored('m1'))).toBe(true)
  })

  it("keeps another tab's ids and only the newest", () => {
    const tabA = fakeRoom()
    const tabB = fakeRoom()
    effectScope().run(() => useOwnMessages(tabA, localStorage))
    const isMineB = effectScope().run(() => useOwnMessages(tabB, localStorage))!
    tabA.sent('from-a')
    tabB.sent('from-b')
    expect(JSON.parse(localStorage.getItem(OWN_MESSAGES_KEY)!)).toEqual(['from-a', 'from-b'])
    expect(isMineB(stored('from-a'))).toBe(true)
    for (let i = 0; i < MAX_OWN_MESSAGES + 5; i++) tabB.sent(`m${i}`)
    const ids = JSON.parse(localStorage.getItem(OWN_MESSAGES_KEY)!) as string[]
    expect(ids).toHaveLength(MAX_OWN_MESSAGES)
    expect(ids.at(-1)).toBe(`m${MAX_OWN_MESSAGES + 4}`)
    expect(isMineB(stored('from-a'))).toBe(false)
  })

  it('ignores a stored value that is not a list of ids', () => {
    localStorage.setItem(OWN_MESSAGES_KEY, '{"not":"a list"}')
    const isMine = effectScope().run(() => useOwnMessages(fakeRoom(), localStorage))!
    expect(isMine(stored('not'))).toBe(false)
  })
})
