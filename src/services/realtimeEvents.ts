import { Hub } from 'aws-amplify/utils'
import { CONNECTION_STATE_CHANGE, ConnectionState } from 'aws-amplify/api'

/** The three states the UI distinguishes. */
export type LinkState = 'connected' | 'connecting' | 'disrupted'

export interface SubscriptionAck {
  /** The subscription's root field, e.g. `onCreateRoomChatByRoomName`. */
  field: string
  variables: Record<string, unknown>
}

/** Real-time events of aws-amplify, behind an interface so tests can drive them. */
export interface RealtimeEvents {
  onLinkState(listener: (state: LinkState) => void): () => void
  onSubscriptionAck(listener: (ack: SubscriptionAck) => void): () => void
}

export function toLinkState(state: ConnectionState): LinkState | null {
  switch (state) {
    case ConnectionState.Connected:
    case ConnectionState.ConnectedPendingKeepAlive:
    case ConnectionState.ConnectedPendingDisconnect:
      return 'connected'
    case ConnectionState.Connecting:
      return 'connecting'
    case ConnectionState.ConnectionDisrupted:
    case ConnectionState.ConnectionDisruptedPendingNetwork:
    case ConnectionState.ConnectedPendingNetwork:
      return 'disrupted'
    default:
      // Disconnected: no subscription is open, which says nothing about the room being shown.
      return null
  }
}

// api-graphql dispatches this event (CONTROL_MSG.SUBSCRIPTION_ACK, not exported by aws-amplify/api) on
// every start_ack, including the ones after a reconnection, with the printed query and its variables.
const SUBSCRIPTION_ACK_EVENT = 'Subscription ack'

/** The root field of a subscription document: the first name after the operation's opening brace. */
export function subscriptionField(query: string): string | null {
  const match = /\{\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(query)
  return match ? match[1] : null
}

export const amplifyRealtimeEvents: RealtimeEvents = {
  onLinkState(listener) {
    return Hub.listen('api', ({ payload }) => {
      if (payload.event !== CONNECTION_STATE_CHANGE) return
      const data = payload.data as { connectionState?: ConnectionState } | undefined
      const state = data?.connectionState ? toLinkState(data.connectionState) : null
      if (state) listener(state)
    })
  },
  onSubscriptionAck(listener) {
    return Hub.listen('api', ({ payload }) => {
      if (payload.event !== SUBSCRIPTION_ACK_EVENT) return
      const data = payload.data as { query?: string; variables?: Record<string, unknown> } | undefined
      const field = data?.query ? subscriptionField(data.query) : null
      if (field) listener({ field, variables: data?.variables ?? {} })
    })
  },
}
