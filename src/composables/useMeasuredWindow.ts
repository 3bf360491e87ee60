import { computed, ref, shallowRef } from 'vue'
import { sharedStart } from '../domain/sharedStart'

export interface MeasuredWindowOptions {
  /** The height assumed for an item not measured yet, until some are. */
  estimate: number
  /** Pixels rendered above and below the view. */
  buffer: number
  /** The view's height when the element reports none (not laid out, or a DOM without layout). */
  fallbackViewport: number
  /**
   * True while the view is kept at the end of the list (a chat following its newest message): the window
   * is then the list's end, whatever scroll position was read last. A long room's first render shows its
   * newest rows at once, instead of rendering the first rows (scroll position 0, before any content)
   * and then the last ones.
   */
  stickToEnd?: () => boolean
}

/**
 * The part of a long list to render for a scroll position, with the heights each item really has.
 * Heights are kept by item id across changes of the list: a new message does not make the list forget
 * what it measured (Vuetify's `v-virtual-scroll` resets every measurement whenever its items change,
 * so the padding it puts for the items it does not render drifts from their real height, and a view
 * kept at the bottom, or a reader's position, lands somewhere else).
 */
export function useMeasuredWindow<Item extends { id: string }>(
  items: () => readonly Item[],
  options: MeasuredWindowOptions,
) {
  const heights = new Map<string, number>()
  let measuredTotal = 0
  const measurements = ref(0)
  const scrollTop = ref(0)
  const viewport = ref(0)
  const element = shallowRef<HTMLElement | null>(null)
  // The same heights by position in the list last seen (NaN: not measured), so that working out the
  // offsets looks up no id: rebuilt when the list changes, from where it starts to differ.
  let byPosition = new Float64Array(0)
  let positionsOf: readonly Item[] = []

  function estimate(): number {
    return heights.size > 0 ? measuredTotal / heights.size : options.estimate
  }

  function heightsByPosition(list: readonly Item[]): Float64Array {
    if (list === positionsOf) return byPosition
    const same = sharedStart(positionsOf, list)
    const next = new Float64Array(list.length)
    next.set(byPosition.subarray(0, same))
    if (heights.size === 0) next.fill(NaN, same)
    else for (let i = same; i < list.length; i++) next[i] = heights.get(list[i].id) ?? NaN
    byPosition = next
    positionsOf = list
    return next
  }

  /** offsets[i]: where item i starts; offsets[length]: the whole list's height. */
  const offsets = computed(() => {
    void measurements.value
    const list = items()
    const known = heightsByPosition(list)
    const guess = estimate()
    const out = new Float64Array(list.length + 1)
    for (let i = 0; i < list.length; i++) {
      const height = known[i]
      out[i + 1] = out[i] + (Number.isNaN(height) ? guess : height)
    }
    return out
  })

  /** The index of the item at `y` (the last whose start is at or above it). */
  function indexAt(y: number): number {
    const all = offsets.value
    let low = 0
    let high = all.length - 2
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (all[mid] <= y) low = mid
      else high = mid - 1
    }
    return Math.max(0, low)
  }

  /** The last items, as many as fill the view and the buffer above it. */
  function endWindow(count: number, view: number): { start: number; end: number } {
    return { start: indexAt(Math.max(0, offsets.value[count] - view - options.buffer)), end: count }
  }

  const range = computed<{ start: number; end: number }>((previous) => {
    const count = items().length
    if (count === 0) return { start: 0, end: 0 }
    const view = viewport.value || options.fallbackViewport
    if (options.stickToEnd?.()) {
      const needed = endWindow(count, view)
      // Rows measured taller than estimated need fewer rows above the view. The rows already rendered
      // there stay, up to a view's height of them: the first measurement of a room then costs no second
      // render of its rows before it is painted, only the paddings' new height.
      const kept =
        previous !== undefined &&
        previous.end === count &&
        previous.start <= needed.start &&
        offsets.value[needed.start] - offsets.value[previous.start] <= view
      return kept ? previous : needed
    }
    const start = indexAt(Math.max(0, scrollTop.value - options.buffer))
    const end = Math.min(count, indexAt(scrollTop.value + view + options.buffer) + 1)
    return { start, end }
  })

  const visible = computed(() => items().slice(range.value.start, range.value.end))
  /** The index in the whole list of the first item rendered. */
  const start = computed(() => range.value.start)
  const paddingTop = computed(() => offsets.value[range.value.start])
  const paddingBottom = computed(() => offsets.value[items().length] - offsets.value[range.value.end])

  /** Records an item's rendered height; `index`, its position in the list, when the caller knows it. */
  function measure(id: string, height: number, index?: number): void {
    if (!(height > 0)) return
    const previous = heights.get(id)
    if (previous === height) return
    measuredTotal += height - (previous ?? 0)
    heights.set(id, height)
    if (index !== undefined && index >= 0 && positionsOf[index]?.id === id) byPosition[index] = height
    else positionsOf = [] // looked up again from `heights` on the next use
    measurements.value++
  }

  /**
   * Forgets every height measured (another list is shown, as when the room changes): looking the new
   * items up among the old ones' heights would cost a lookup per item and find none.
   */
  function forget(): void {
    if (heights.size === 0) return
    heights.clear()
    measuredTotal = 0
    positionsOf = []
    byPosition = new Float64Array(0)
    measurements.value++
  }

  /** Reads the scroll position and the view's height (on scroll, and when either may have changed). */
  function update(): void {
    const el = element.value
    if (!el) return
    scrollTop.value = el.scrollTop
    viewport.value = el.clientHeight
  }

  /** Where item `index` starts, from the top of the list. */
  function offsetOf(index: number): number {
    return offsets.value[Math.max(0, Math.min(index, items().length))]
  }

  return { element, visible, start, paddingTop, paddingBottom, measure, forget, update, offsetOf }
}
