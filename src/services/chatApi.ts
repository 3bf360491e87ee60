import type { ChatApiDependencies } from './chatFeeds'
import { createClosedChatApi } from './closedChatApi'
import { createOpenChatApi } from './openChatApi'
import { createRoomChatApi } from './roomChatApi'

export type { ChatApiDependencies, ChatClient } from './chatFeeds'
export { OPEN_CHANNEL } from './openChatApi'

/**
 * All three chats on one client: one function per GraphQL operation, each with its auth mode, and the
 * room sources built from them. Pages import only their own chat's module (openChatApi.ts, ...), so
 * /open does not ship the closed chat's operations; tests and tools use this.
 */
export function createChatApi(dependencies: ChatApiDependencies) {
  return {
    ...createOpenChatApi(dependencies),
    ...createRoomChatApi(dependencies),
    ...createClosedChatApi(dependencies),
  }
}

export type ChatApi = ReturnType<typeof createChatApi>
