import { onScopeDispose, ref } from 'vue'

/** Whether the page is visible (false while its browser tab is hidden or minimised). */
export function useDocumentVisible() {
  const visible = ref(typeof document === 'undefined' || document.visibilityState !== 'hidden')
  if (typeof document === 'undefined') return visible
  const update = () => {
    visible.value = document.visibilityState !== 'hidden'
  }
  document.addEventListener('visibilitychange', update)
  onScopeDispose(() => document.removeEventListener('visibilitychange', update))
  return visible
}
