import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RECONNECT_CEILING_MS, createReconnectSchedule, reconnectDelay } from '@/services/reconnectSchedule'
import { triggerReconnect } from '@/services/amplifyReconnect'
import providerSource from '../../node_modules/@aws-amplify/api-graphql/dist/esm/Providers/AWSWebSocketProvider/index.mjs?raw'
import monitorSource from '../../node_modules/@aws-amplify/api-graphql/dist/esm/utils/ReconnectionMonitor.mjs?raw'

describe('reconnect schedule', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('tries soon after a drop, then at most every ceiling, until the socket is up', () => {
    const attempt = vi.fn()
    const schedule = createReconnectSchedule(attempt)
    schedule.down()
    const times: number[] = []
    attempt.mockImplementation(() => times.push(Date.now()))
    const start = Date.now()
    vi.advanceTimersByTime(30_000)
    const waits = times.map((time, i) => time - (i === 0 ? start : times[i - 1]))
    expect(waits.slice(0, 3)).toEqual([1_000, 2_000, 4_000])
    expect(waits.slice(3).every((wait) => wait === RECONNECT_CEILING_MS)).toBe(true)
    // aws-amplify alone retries once a minute after its first try: the ceiling is well below that.
    expect(Math.max(...waits)).toBeLessThan(60_000 / 4)

    schedule.up()
    attempt.mockClear()
    vi.advanceTimersByTime(60_000)
    expect(attempt).not.toHaveBeenCalled()
  })

  it('pauses while a connection is being opened and resumes if it fails', () => {
    const attempt = vi.fn()
    const schedule = createReconnectSchedule(attempt)
    schedule.down()
    vi.advanceTimersByTime(1_000)
    expect(attempt).toHaveBeenCalledTimes(1)
    schedule.connecting()
    vi.advanceTimersByTime(20_000)
    expect(attempt).toHaveBeenCalledTimes(1)
    schedule.down()
    vi.advanceTimersByTime(reconnectDelay(1))
    expect(attempt).toHaveBeenCalledTimes(2)
  })

  it('"Reconnect now" tries at once and starts the schedule over', () => {
    const attempt = vi.fn()
    const schedule = createReconnectSchedule(attempt)
    schedule.down()
    vi.advanceTimersByTime(7_000)
    expect(attempt).toHaveBeenCalledTimes(3)
    schedule.now()
    expect(attempt).toHaveBeenCalledTimes(4)
    vi.advanceTimersByTime(1_000)
    expect(attempt).toHaveBeenCalledTimes(5)
  })
})

describe('triggerReconnect (the aws-amplify adapter)', () => {
  it("calls the provider's reconnection monitor when it has one", () => {
    const provider = { reconnectionMonitor: { _triggerReconnect: vi.fn() } }
    const target = new EventTarget() as unknown as Window
    const events: string[] = []
    target.addEventListener('offline', () => events.push('offline'))
    triggerReconnect(provider, target)
    expect(provider.reconnectionMonitor._triggerReconnect).toHaveBeenCalledTimes(1)
    expect(events).toEqual([])
  })

  it("otherwise makes aws-amplify's network monitor see the network come back", () => {
    const target = new EventTarget() as unknown as Window
    const events: string[] = []
    for (const name of ['offline', 'online']) target.addEventListener(name, () => events.push(name))
    triggerReconnect({}, target)
    expect(events).toEqual(['offline', 'online'])
  })

  // The adapter relies on private parts of the installed @aws-amplify/api-graphql: fail loudly when an
  // upgrade changes them, rather than silently falling back.
  it('matches the installed @aws-amplify/api-graphql', () => {
    const provider = providerSource
    const monitor = monitorSource
    expect(provider).toContain('this.reconnectionMonitor = new ReconnectionMonitor()')
    expect(provider).toMatch(/data: \{\s*provider: this,\s*connectionState,?\s*\}/)
    expect(monitor).toMatch(/_triggerReconnect\(\) \{\s*this\.reconnectObservers\.forEach/)
  })
})
