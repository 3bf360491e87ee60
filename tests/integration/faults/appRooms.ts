import { effectScope, watch, type EffectScope } from 'vue'
import type { LocalBackend } from '../../../local-backend/src/startLocalBackend'
import { configureAmplify } from '../../../testkit/backend/amplifyClient'
import type { TestUser } from '../../../testkit/backend/cognitoUsers'
import { useChatRoom, type ChatRoom } from '../../../src/composables/useChatRoom'
import { createChatApi } from '../../../src/services/chatApi'
import type { ChatRoomSource } from '../../../src/services/chatRoomSource'
import { amplifyRealtimeEvents } from '../../../src/services/realtimeEvents'
import type { LinkState } from '../../../src/services/realtimeEvents'

/**
 * Rooms shown the way the app shows them: the app's useChatRoom on the app's chatApi, over aws-amplify v6
 * configured from the backend's Gen 1 file (testkit/backend/amplifyClient.ts: real tokens of the local pool;
 * only Amplify's session storage is bypassed). Everything runs in Node, without a component around it.
 */
export class AppRooms {
  private readonly scope: EffectScope = effectScope()
  readonly rooms = new Map<string, ChatRoom>()
  /** Every link state each room went through, in order. */
  readonly linkHistory = new Map<string, LinkState[]>()

  constructor(backend: LocalBackend, user: TestUser) {
    const amplify = configureAmplify(backend.config)
    amplify.signInAs(user)
    this.api = createChatApi({
      client: amplify.client,
      realtime: amplifyRealtimeEvents,
      idToken: async () => user.idToken,
    })
  }

  readonly api: ReturnType<typeof createChatApi>

  show(name: string, source: ChatRoomSource): ChatRoom {
    const room = this.scope.run(() => {
      const room = useChatRoom({ source })
      const states: LinkState[] = [room.link.value]
      this.linkHistory.set(name, states)
      watch(room.link, (state) => states.push(state))
      return room
    })!
    this.rooms.set(name, room)
    return room
  }

  /** Resolves once `condition` holds for every room (checked on each change); rejects after `timeoutMs`. */
  whenAll(
    condition: (room: ChatRoom, name: string) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<void> {
    const all = () => [...this.rooms].every(([name, room]) => condition(room, name))
    return new Promise((resolve, reject) => {
      let stop = () => {}
      const timer = setTimeout(() => {
        stop()
        reject(new Error(`not within ${timeoutMs} ms: ${what}`))
      }, timeoutMs)
      stop = this.scope.run(() =>
        watch(
          () =>
            [...this.rooms.values()].map((room) => [
              room.timeline.value,
              room.link.value,
              room.historyLoaded.value,
            ]),
          () => {
            if (!all()) return
            clearTimeout(timer)
            queueMicrotask(() => stop())
            resolve()
          },
          { immediate: true },
        ),
      )!
    })
  }

  close() {
    this.scope.stop()
  }
}
