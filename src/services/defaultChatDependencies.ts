import { generateClient } from 'aws-amplify/api'
import { idToken, userPoolAuthReady } from '../auth/userPool'
import type { ChatDescriptor } from './chatDescriptor'
import type { ChatApiDependencies } from './chatFeeds'
import { createChatRooms } from './chatRooms'
import type { ChatRooms } from './chatRooms'
import { amplifyRealtimeEvents } from './realtimeEvents'

let dependencies: ChatApiDependencies | null = null

/** The app's client, configured by configureAmplify, and its real-time events (created on first use). */
export function defaultChatDependencies(): ChatApiDependencies {
  dependencies ??= {
    client: generateClient(),
    realtime: amplifyRealtimeEvents,
    idToken,
    userPoolReady: userPoolAuthReady,
  }
  return dependencies
}

const appRooms = new Map<object, ChatRooms<never>>()

/** A chat's room sources on the app's client (one factory per chat, created on first use). */
export function appChatRooms<Room, Variables extends Record<string, unknown>>(
  chat: ChatDescriptor<Room, Variables>,
): ChatRooms<Room> {
  let rooms = appRooms.get(chat) as ChatRooms<Room> | undefined
  if (!rooms) {
    rooms = createChatRooms(chat, defaultChatDependencies())
    appRooms.set(chat, rooms as ChatRooms<never>)
  }
  return rooms
}
