import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import {
  createThrottle,
  expireSignals,
  nicknameProblem,
  nicknames,
  noteSignal,
  PRESENCE_HEARTBEAT_MS,
  PRESENCE_TTL_MS,
  TYPING_INTERVAL_MS,
  TYPING_TTL_MS,
  typingText,
} from '@/domain/roomSignals'
import type { Roster } from '@/domain/roomSignals'
import { usePresence } from '@/composables/usePresence'
import { useTyping } from '@/composables/useTyping'
import type { Clock } from '@/composables/expiringRoster'
import type { PresenceSignal, RoomSignals, Signal } from '@/services/roomSignals'
import { FakeRealtime } from './support/fakeRealtime'

/** A clock the test moves by hand: timers run when `advance` passes them. */
class ManualClock implements Clock {
  time = 1_000_000
  private timers = new Map<number, { at: number; run: () => void }>()
  private nextId = 1
  now = () => this.time
  setTimeout = (run: () => void, ms: number) => {
    const id = this.nextId++
    this.timers.set(id, { at: this.time + ms, run })
    return id
  }
  clearTimeout = (handle: unknown) => {
    this.timers.delete(handle as number)
  }
  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0]
      if (!due) break
      this.timers.delete(due[0])
      this.time = due[1].at
      due[1].run()
    }
    this.time = end
  }
}

/** The server side of presence and typing, in memory: what was sent, and pushes to followers. */
class FakeSignals implements RoomSignals {
  announced: PresenceSignal[] = []
  typed: Signal[] = []
  presenceFollowers = new Map<string, (signal: PresenceSignal) => void>()
  typingFollowers = new Map<string, (signal: Signal) => void>()
  announce = async (signal: PresenceSignal) => {
    this.announced.push(signal)
  }
  typing = async (signal: Signal) => {
    this.typed.push(signal)
  }
  followPresence = (roomName: string, next: (signal: PresenceSignal) => void) => {
    this.presenceFollowers.set(roomName, next)
    return { unsubscribe: () => this.presenceFollowers.delete(roomName) }
  }
  followTyping = (roomName: string, next: (signal: Signal) => void) => {
    this.typingFollowers.set(roomName, next)
    return { unsubscribe: () => this.typingFollowers.delete(roomName) }
  }
}

describe('nickname rule (the resolver enforces the same)', () => {
  it.each([
    ['Ann', null],
    ['Ann Lee-2_x.y', null],
    ['', 'Enter a nickname.'],
    ['a'.repeat(33), 'A nickname has at most 32 characters.'],
    [' Ann', expect.stringContaining('starting with a letter or digit')],
    ['<b>', expect.stringContaining('Use letters')],
    ['Ann\nLee', expect.stringContaining('Use letters')],
  ])('%j', (name, problem) => {
    expect(nicknameProblem(name)).toEqual(problem)
  })
})

describe('rosters and expiry', () => {
  it('drops an entry once its time has passed, and keeps the others', () => {
    let roster: Roster = new Map()
    roster = noteSignal(roster, 'a', 'Ann', 0, 1000)
    roster = noteSignal(roster, 'b', 'Bob', 500, 1000)
    expect(nicknames(expireSignals(roster, 999))).toEqual(['Ann', 'Bob'])
    expect(nicknames(expireSignals(roster, 1000))).toEqual(['Bob'])
    expect(nicknames(expireSignals(roster, 1500))).toEqual([])
  })

  it('lists two tabs of one nickname once, and leaves out this tab', () => {
    let roster: Roster = new Map()
    roster = noteSignal(roster, 'a1', 'Ann', 0, 1000)
    roster = noteSignal(roster, 'a2', 'Ann', 0, 1000)
    roster = noteSignal(roster, 'me', 'Zed', 0, 1000)
    expect(nicknames(roster, 'me')).toEqual(['Ann'])
  })

  it('says who is typing in words, nicknames marked as unverified', () => {
    expect(typingText([])).toBe('')
    expect(typingText(['Ann'])).toBe('~Ann is typing…')
    expect(typingText(['Ann', 'Bob'])).toBe('~Ann and ~Bob are typing…')
    expect(typingText(['Ann', 'Bob', 'Cy'])).toBe('~Ann, ~Bob and ~Cy are typing…')
    expect(typingText(['A', 'B', 'C', 'D', 'E'])).toBe('~A, ~B and 3 others are typing…')
  })

  it('throttles to one every interval', () => {
    const throttle = createThrottle(2000)
    expect([0, 1999, 2000, 2500, 4000].map((t) => throttle.ready(t))).toEqual([
      true,
      false,
      true,
      false,
      true,
    ])
  })
})

function setup(room = ref<string | null>('room1')) {
  const clock = new ManualClock()
  const signals = new FakeSignals()
  const realtime = new FakeRealtime()
  const nickname = ref('Me')
  const scope = effectScope()
  const result = scope.run(() => ({
    presence: usePresence({ roomName: room, nickname, clientId: 'me-client', signals, realtime, clock }),
    typing: useTyping({ roomName: room, nickname, clientId: 'me-client', signals, clock }),
  }))!
  return { ...result, clock, signals, realtime, nickname, room, scope }
}

describe('usePresence', () => {
  it('announces once subscribed, then every heartbeat, and LEFT when the room is left', async () => {
    const { signals, realtime, clock, room, scope } = setup()
    expect(signals.announced).toEqual([])
    realtime.emitAck('onPresenceInRoom', { roomName: 'room1' })
    expect(signals.announced.map((s) => s.state)).toEqual(['HERE'])
    clock.advance(PRESENCE_HEARTBEAT_MS)
    expect(signals.announced.map((s) => s.state)).toEqual(['HERE', 'HERE'])
    room.value = 'room2'
    await nextTick()
    expect(signals.announced.at(-1)).toMatchObject({
      roomName: 'room1',
      state: 'LEFT',
      clientId: 'me-client',
    })
    clock.advance(PRESENCE_HEARTBEAT_MS * 3)
    // Nothing more for room2 until its own subscription is acknowledged.
    expect(signals.announced.filter((s) => s.roomName === 'room2')).toEqual([])
    scope.stop()
  })

  it('shows others until about two heartbeats pass without news, and answers a newcomer at once', () => {
    const { presence, signals, realtime, clock, scope } = setup()
    realtime.emitAck('onPresenceInRoom', { roomName: 'room1' })
    const push = signals.presenceFollowers.get('room1')!
    clock.advance(TYPING_INTERVAL_MS)
    push({ roomName: 'room1', nickname: 'Ann', clientId: 'ann-client', state: 'HERE' })
    expect(presence.others.value).toEqual(['Ann'])
    // The newcomer learns of this page without waiting for its heartbeat.
    expect(signals.announced).toHaveLength(2)
    clock.advance(PRESENCE_TTL_MS - 1)
    expect(presence.others.value).toEqual(['Ann'])
    clock.advance(1)
    expect(presence.others.value).toEqual([])
    scope.stop()
  })

  it('drops someone who says LEFT, and ignores its own echo', () => {
    const { presence, signals, realtime, scope } = setup()
    realtime.emitAck('onPresenceInRoom', { roomName: 'room1' })
    const push = signals.presenceFollowers.get('room1')!
    push({ roomName: 'room1', nickname: 'Me', clientId: 'me-client', state: 'HERE' })
    push({ roomName: 'room1', nickname: 'Ann', clientId: 'ann-client', state: 'HERE' })
    expect(presence.others.value).toEqual(['Ann'])
    push({ roomName: 'room1', nickname: 'Ann', clientId: 'ann-client', state: 'LEFT' })
    expect(presence.others.value).toEqual([])
    scope.stop()
  })
})

describe('useTyping', () => {
  it('sends at most one notice every 2 s while typing', () => {
    const { typing, signals, clock, scope } = setup()
    for (let i = 0; i < 50; i++) {
      typing.typed()
      clock.advance(100)
    }
    // 5 s of keystrokes every 100 ms: at 0, 2 and 4 s.
    expect(signals.typed).toHaveLength(3)
    expect(signals.typed[0]).toEqual({ roomName: 'room1', nickname: 'Me', clientId: 'me-client' })
    scope.stop()
  })

  it("shows another's notice until a few seconds after the last one", () => {
    const { typing, signals, clock, scope } = setup()
    const push = signals.typingFollowers.get('room1')!
    push({ roomName: 'room1', nickname: 'Ann', clientId: 'ann-client' })
    push({ roomName: 'room1', nickname: 'Me', clientId: 'me-client' })
    expect(typing.text.value).toBe('~Ann is typing…')
    clock.advance(TYPING_TTL_MS - 1000)
    push({ roomName: 'room1', nickname: 'Ann', clientId: 'ann-client' })
    clock.advance(TYPING_TTL_MS - 1)
    expect(typing.names.value).toEqual(['Ann'])
    clock.advance(1)
    expect(typing.text.value).toBe('')
    scope.stop()
  })
})
