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
})
