import { nextTick, onScopeDispose, watch } from 'vue'
import type { Ref } from 'vue'
import { useRouter } from 'vue-router'
import { titleWithUnread } from '../domain/unreadCounts'

/**
 * Puts the unread total in front of the page title ("(3) Room Chat · ..."), also after the router sets
 * the title on a navigation; takes it away when the page is left.
 */
export function useUnreadTitle(total: Ref<number>) {
  const apply = () => {
    document.title = titleWithUnread(document.title, total.value)
  }
  watch(total, apply, { immediate: true })
  const offRoute = useRouter().afterEach(() => nextTick(apply))
  onScopeDispose(() => {
    offRoute()
    document.title = titleWithUnread(document.title, 0)
  })
}
