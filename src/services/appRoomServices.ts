// The room chat's rooms list, presence and typing on the app's client. A module of their own, imported by
// the room chat page, so that the chats which do not use them (the open chat's first visit) do not load them.
import { defaultChatDependencies } from './defaultChatDependencies'
import { createRoomDirectory } from './roomDirectory'
import type { RoomDirectory } from './roomDirectory'
import { createRoomSignals } from './roomSignals'
import type { RoomSignals } from './roomSignals'

let directory: RoomDirectory | null = null
let signals: RoomSignals | null = null

/** The rooms list on the app's client (created on first use). */
export function appRoomDirectory(): RoomDirectory {
  directory ??= createRoomDirectory(defaultChatDependencies().client)
  return directory
}

/** Presence and typing on the app's client (created on first use). */
export function appRoomSignals(): RoomSignals {
  signals ??= createRoomSignals(defaultChatDependencies().client)
  return signals
}
