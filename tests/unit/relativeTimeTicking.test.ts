import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import ChatTimeline from '@/components/ChatTimeline.vue'
import { NOW_TICK_MS } from '@/composables/useNow'
import type { TimelineEntry } from '@/domain/chatMessage'
import { mountWithVuetify } from './support/mountWithVuetify'

// In the isolated project: the clock (the shared `useNow` timer) must be a fake one from its first user
// on, and a fresh module graph guarantees no earlier test started it with the real one.

afterEach(() => {
  vi.useRealTimers()
})

const NOW = new Date(2026, 2, 10, 15, 30, 0)
const entry = (id: string, secondsAgo: number): TimelineEntry => ({
  id,
  message: id,
  createdAt: new Date(NOW.getTime() - secondsAgo * 1000).toISOString(),
  delivery: 'sent',
})

describe('relative times as time passes', () => {
  it('moves the labels on with one shared timer, touching only the labels that change', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(NOW)
    const wrapper = mountWithVuetify(ChatTimeline, {
      props: { entries: [entry('older', 10 * 60 + 20), entry('newer', 20)], height: 400 },
    })
    const times = () => wrapper.findAll('[data-testid="message-time"]').map((time) => time.text())
    expect(times()).toEqual(['10 min', 'just now'])
    // One interval for every message on the page (and none per message).
    const setInterval = vi.spyOn(globalThis, 'setInterval')
    const more = mountWithVuetify(ChatTimeline, { props: { entries: [entry('other', 5)], height: 400 } })
    expect(setInterval).not.toHaveBeenCalled()
    more.unmount()

    const changed: string[] = []
    const observer = new MutationObserver((records) => {
      for (const record of records)
        changed.push(
          record.target.parentElement?.closest('[data-message-id]')?.getAttribute('data-message-id') ?? '?',
        )
    })
    observer.observe(wrapper.element, { subtree: true, characterData: true, childList: true })

    vi.advanceTimersByTime(NOW_TICK_MS * 2)
    await nextTick()
    expect(times()).toEqual(['10 min', 'just now'])
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined)))
    expect(changed).toEqual([])

    vi.advanceTimersByTime(NOW_TICK_MS * 2)
    await nextTick()
    expect(times()).toEqual(['11 min', '1 min'])
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined)))
    expect(new Set(changed)).toEqual(new Set(['older', 'newer']))
    observer.disconnect()

    // The last user gone, the timer stops.
    const clearInterval = vi.spyOn(globalThis, 'clearInterval')
    wrapper.unmount()
    expect(clearInterval).toHaveBeenCalledTimes(1)
  })
})
