import type { ChatApiDependencies } from './chatFeeds'
import { createChatRooms } from './chatRooms'
import type { RoomViewer } from './chatRooms'
import { closedChat } from './chats/closedChat'
import { openChat } from './chats/openChat'
import { roomChat } from './chats/roomChat'

export type { ChatApiDependencies, ChatClient } from './chatFeeds'
export { OPEN_CHANNEL } from './chats/openChat'

/**
 * All three chats' room sources on one client. Pages ask for their own chat's descriptor only
 * (`appChatRooms(roomChat)`), so /open does not ship the closed chat's operations; tests and tools use
 * this.
 */
export function createChatApi(dependencies: ChatApiDependencies) {
  const open = createChatRooms(openChat, dependencies)
  const rooms = createChatRooms(roomChat, dependencies)
  const closed = createChatRooms(closedChat, dependencies)
  return {
    /** `nickname`: the sender's name on each post (unverified); none by default. */
    openChatRoom: (nickname?: RoomViewer['nickname']) => open.room(undefined, { nickname }),
    roomChatRoom: (roomName: string, nickname?: RoomViewer['nickname']) => rooms.room(roomName, { nickname }),
    closedChatRoom: (roomName: string, signedIn: boolean) => closed.room(roomName, { signedIn }),
  }
}

export type ChatApi = ReturnType<typeof createChatApi>
