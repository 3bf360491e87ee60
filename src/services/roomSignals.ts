import { PresenceState } from '../API'
import { announcePresence, sendTyping } from '../graphql/mutations'
import { onPresenceInRoom, onTypingInRoom } from '../graphql/subscriptions'
import type { ChatClient, Unsubscribable } from './chatFeeds'
import { errorMessage } from './errorMessage'

// Presence and typing in one room (NONE-data-source mutations, nothing stored; the subscriptions deliver
// only the room named by their argument). API key, as the room chat. Nicknames are unverified.

export interface Signal {
  roomName: string
  nickname: string
  clientId: string
}
export interface PresenceSignal extends Signal {
  state: 'HERE' | 'LEFT'
}

/** Root fields of the two subscriptions (to recognise their start acknowledgements). */
export const PRESENCE_FIELD = 'onPresenceInRoom'
export const TYPING_FIELD = 'onTypingInRoom'

export interface RoomSignals {
  announce(signal: PresenceSignal): Promise<void>
  typing(signal: Signal): Promise<void>
  followPresence(
    roomName: string,
    next: (signal: PresenceSignal) => void,
    error: (reason: string) => void,
  ): Unsubscribable
  followTyping(
    roomName: string,
    next: (signal: Signal) => void,
    error: (reason: string) => void,
  ): Unsubscribable
}

const pick = ({ roomName, nickname, clientId }: Signal): Signal => ({ roomName, nickname, clientId })

export function createRoomSignals(client: ChatClient): RoomSignals {
  return {
    async announce(signal) {
      await client.graphql({
        query: announcePresence,
        variables: {
          ...pick(signal),
          state: signal.state === 'LEFT' ? PresenceState.LEFT : PresenceState.HERE,
        },
        authMode: 'apiKey',
      })
    },
    async typing(signal) {
      await client.graphql({ query: sendTyping, variables: pick(signal), authMode: 'apiKey' })
    },
    followPresence(roomName, next, error) {
      return client
        .graphql({ query: onPresenceInRoom, variables: { roomName }, authMode: 'apiKey' })
        .subscribe({
          next: ({ data }) => {
            const item = data.onPresenceInRoom
            // The room check also covers servers that ignore subscription arguments (the stock simulator).
            if (item && item.roomName === roomName) next({ ...pick(item), state: item.state })
          },
          error: (reason: unknown) => error(errorMessage(reason)),
        })
    },
    followTyping(roomName, next, error) {
      return client
        .graphql({ query: onTypingInRoom, variables: { roomName }, authMode: 'apiKey' })
        .subscribe({
          next: ({ data }) => {
            const item = data.onTypingInRoom
            if (item && item.roomName === roomName) next(pick(item))
          },
          error: (reason: unknown) => error(errorMessage(reason)),
        })
    },
  }
}
