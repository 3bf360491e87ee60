import { computed, ref } from 'vue'
import { useRoute } from 'vue-router'
import { DEFAULT_ROOMS, roomNameProblem } from '../domain/messageRules'
import type { ChatRoomSource } from '../services/chatRoomSource'

/**
 * The room a chat page with named rooms shows: the `:room` route parameter, checked by the room-name
 * rules, and the tabs joined so far. `open` gives the room's source (or null, to open nothing yet); it is
 * never called for an invalid name, and a new source is asked for whenever the room or anything `open`
 * reads changes, so the page's room resubscribes.
 */
export function useRouteRoom(open: (roomName: string) => ChatRoomSource | null) {
  const route = useRoute()
  const roomName = computed(() => String(route.params.room ?? ''))
  const problem = computed(() => roomNameProblem(roomName.value))
  const source = computed(() => (problem.value ? null : open(roomName.value)))
  const joined = ref<string[]>([...DEFAULT_ROOMS])

  function remember(name: string): void {
    if (!joined.value.includes(name)) joined.value = [...joined.value, name]
  }

  return { roomName, problem, source, joined, remember }
}
