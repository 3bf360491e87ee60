import { onScopeDispose, ref } from 'vue'
import { mergeRoomActivity, ROOM_LIST_SIZE } from '../domain/roomList'
import type { RoomActivity } from '../domain/roomList'
import type { RoomDirectory } from '../services/roomDirectory'
import { errorMessage } from '../services/errorMessage'
import type { RealtimeEvents } from '../services/realtimeEvents'

/**
 * The rooms with the newest messages, kept live: the subscription opens first, the list is read once it
 * is acknowledged (and again after each reconnection), and every report merges in by room name. Other
 * composables listen to the reports (`onActivity`: unread counts, notifications).
 */
export function useRoomList(directory: RoomDirectory, realtime: RealtimeEvents, size = ROOM_LIST_SIZE) {
  const rooms = ref<RoomActivity[]>([])
  const loaded = ref(false)
  const error = ref<string | null>(null)
  const loadListeners = new Set<(rooms: readonly RoomActivity[]) => void>()
  const activityListeners = new Set<(room: RoomActivity) => void>()

  async function load(): Promise<void> {
    try {
      const recent = await directory.recent(size)
      rooms.value = mergeRoomActivity(rooms.value, recent, size)
      loaded.value = true
      error.value = null
      loadListeners.forEach((listener) => listener(recent))
    } catch (reason) {
      error.value = errorMessage(reason)
    }
  }

  let acknowledged = false
  const offAck = realtime.onSubscriptionAck((ack) => {
    if (ack.field !== 'onTouchRoom') return
    acknowledged = true
    void load()
  })
  let missed = false
  const offLink = realtime.onLinkState((state) => {
    if (state === 'disrupted') missed = true
    else if (state === 'connected' && missed && acknowledged) {
      missed = false
      void load()
    }
  })
  const subscription = directory.follow(
    (room) => {
      rooms.value = mergeRoomActivity(rooms.value, [room], size)
      activityListeners.forEach((listener) => listener(room))
    },
    (reason) => {
      error.value = reason
      // Not live, but the list can still be shown.
      if (!loaded.value) void load()
    },
  )
  onScopeDispose(() => {
    offAck()
    offLink()
    subscription.unsubscribe()
  })

  return {
    rooms,
    loaded,
    error,
    reload: load,
    /** What the list held when (re)loaded. */
    onLoad(listener: (rooms: readonly RoomActivity[]) => void): () => void {
      loadListeners.add(listener)
      return () => loadListeners.delete(listener)
    },
    /** Each room brought up to date while the page is open. */
    onActivity(listener: (room: RoomActivity) => void): () => void {
      activityListeners.add(listener)
      return () => activityListeners.delete(listener)
    },
  }
}

export type RoomList = ReturnType<typeof useRoomList>
