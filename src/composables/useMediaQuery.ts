import { onScopeDispose, shallowRef } from 'vue'
import type { Ref } from 'vue'

/** Whether a CSS media query matches now, kept up to date (false where `matchMedia` is missing). */
export function useMediaQuery(query: string): Readonly<Ref<boolean>> {
  const list = typeof window.matchMedia === 'function' ? window.matchMedia(query) : null
  const matches = shallowRef(list?.matches ?? false)
  if (list) {
    const update = (event: MediaQueryListEvent) => (matches.value = event.matches)
    list.addEventListener('change', update)
    onScopeDispose(() => list.removeEventListener('change', update))
  }
  return matches
}

/** A touch screen without a hovering pointer: no physical keyboard is assumed (no keyboard hints). */
export const TOUCH_ONLY = '(pointer: coarse), (hover: none)'
