import { computed, onScopeDispose, shallowRef, toValue, watch } from 'vue'
import type { MaybeRefOrGetter, Ref } from 'vue'
import type { RoomActivity } from '../domain/roomList'
import { countActivity, emptyUnread, knowActivity, markRead, totalUnread } from '../domain/unreadCounts'
import type { RoomList } from './useRoomList'

export interface UnreadOptions {
  list: Pick<RoomList, 'onLoad' | 'onActivity'>
  /** The rooms whose messages count (the tabs). */
  joined: MaybeRefOrGetter<readonly string[]>
  /** The room shown. */
  current: MaybeRefOrGetter<string>
  /** Whether the page is visible: the room shown counts while the tab is hidden. */
  visible: Ref<boolean>
  /** Called for each message counted as unread (e.g. a browser notification). */
  onUnread?(room: RoomActivity): void
}

/**
 * Unread counts per joined room, from the rooms list's live reports (domain/unreadCounts.ts): a room
 * counts while another room is shown or the tab is hidden; showing it (visible) clears it.
 */
export function useUnreadCounts(options: UnreadOptions) {
  const state = shallowRef(emptyUnread())
  const offLoad = options.list.onLoad((rooms) => {
    state.value = knowActivity(state.value, rooms)
  })
  const offActivity = options.list.onActivity((room) => {
    const joined = toValue(options.joined)
    const reading = room.name === toValue(options.current) && options.visible.value
    const result = countActivity(state.value, room, { watched: joined.includes(room.name), reading })
    state.value = result.state
    if (result.counted) options.onUnread?.(room)
  })
  watch(
    [() => toValue(options.current), options.visible],
    ([current, visible]) => {
      if (visible) state.value = markRead(state.value, current)
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    offLoad()
    offActivity()
  })
  return {
    counts: computed(() => state.value.counts),
    total: computed(() => totalUnread(state.value)),
    /** Forgets a room's count (it was left). */
    clear(name: string): void {
      state.value = markRead(state.value, name)
    },
  }
}
