import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { useMeasuredWindow } from '@/composables/useMeasuredWindow'

const OPTIONS = { estimate: 64, buffer: 400, fallbackViewport: 800 }
const items = Array.from({ length: 10_000 }, (_, i) => ({ id: `m${i}` }))

describe('useMeasuredWindow', () => {
  it('renders the start of the list by default, bounded by the view and the buffer', () => {
    const list = useMeasuredWindow(() => items, OPTIONS)
    const shown = list.visible.value.map((item) => item.id)
    expect(shown[0]).toBe('m0')
    expect(shown.length).toBeLessThanOrEqual(Math.ceil((800 + 400) / 64) + 1)
  })

  // A chat opens at its newest message: rendering the first rows and then the last ones made a
  // 10,000-message room create every row of the view twice before it showed.
  it('renders the end of the list while it sticks to the end, before any scroll position is known', () => {
    const sticking = ref(true)
    const list = useMeasuredWindow(() => items, { ...OPTIONS, stickToEnd: () => sticking.value })
    const shown = list.visible.value.map((item) => item.id)
    expect(shown.at(-1)).toBe('m9999')
    expect(shown.length).toBeLessThanOrEqual(Math.ceil((800 + 400) / 64) + 1)
    expect(list.paddingBottom.value).toBe(0)
    expect(list.paddingTop.value).toBe(list.offsetOf(10_000 - shown.length))

    // Once the reader scrolls away from the end, the scroll position decides again.
    sticking.value = false
    expect(list.visible.value[0].id).toBe('m0')
  })

  // The first measurement of a chat's rows (taller than the estimate) left fewer rows needed above the
  // view: removing the extra ones re-rendered the rows before the room was first painted.
  it('keeps the rows rendered above the view at the end when measured taller, up to a view of them', () => {
    const list = useMeasuredWindow(() => items, { ...OPTIONS, stickToEnd: () => true })
    const first = list.visible.value
    for (const [offset, item] of first.entries()) list.measure(item.id, 100, 10_000 - first.length + offset)
    expect(list.visible.value).toBe(first)
    expect(list.paddingTop.value).toBe(list.offsetOf(10_000 - first.length))
    // Much taller: far more rows above the view than it needs, so the window shrinks.
    for (const [offset, item] of first.entries()) list.measure(item.id, 1000, 10_000 - first.length + offset)
    const shrunk = list.visible.value
    expect(shrunk.length).toBeLessThan(first.length)
    expect(shrunk.at(-1)!.id).toBe('m9999')
  })

  // Heights are kept by id and, to work out the offsets without a lookup per item, by position too:
  // positions move when older messages go in above, and a measurement may come with a stale position.
  it('keeps each measured height with its item when the list grows at either end', () => {
    const shown = ref(items.slice(100, 200))
    const list = useMeasuredWindow(() => shown.value, OPTIONS)
    const round = (value: number) => Math.round(value * 1000) / 1000
    const height = (index: number) => round(list.offsetOf(index + 1) - list.offsetOf(index))
    expect(height(0)).toBe(64)
    list.measure('m150', 100, 50)
    list.measure('m170', 10, 3)
    expect([height(50), height(70), height(3)]).toEqual([100, 10, 55])
    list.measure('m160', 30)
    const guess = round((100 + 30 + 10) / 3)
    expect([height(50), height(60), height(70), height(0), height(3)]).toEqual([100, 30, 10, guess, guess])

    shown.value = items.slice(100, 201)
    expect([height(50), height(60), height(70), height(0), height(100)]).toEqual([100, 30, 10, guess, guess])

    shown.value = items.slice(0, 201)
    expect([height(150), height(160), height(170), height(0), height(200)]).toEqual([
      100,
      30,
      10,
      guess,
      guess,
    ])
    list.measure('m0', 40, 0)
    list.measure('m150', 50, 150)
    const after = round((40 + 50 + 30 + 10) / 4)
    expect([height(0), height(150), height(160), height(1)]).toEqual([40, 50, 30, after])

    shown.value = items.slice(150, 151)
    expect(height(0)).toBe(50)

    // Another list: every height forgotten, the estimate again.
    list.forget()
    expect(height(0)).toBe(64)
  })
})
