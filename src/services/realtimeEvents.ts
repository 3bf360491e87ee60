import { Hub } from 'aws-amplify/utils'
import { CONNECTION_STATE_CHANGE, ConnectionState } from 'aws-amplify/api'
import { triggerReconnect } from './amplifyReconnect'
import { createReconnectSchedule } from './reconnectSchedule'
import type { ReconnectSchedule } from './reconnectSchedule'

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
  /** Tries to reopen a dropped real-time connection at once ("Reconnect now"). */
  reconnect(): void
}

export function toLinkState(state: ConnectionState): LinkState | null {
  switch (state) {
    case ConnectionState.Connected:
    case ConnectionState.ConnectedPendingKeepAlive:
    case ConnectionState.ConnectedPendingDisconnect:
    case ConnectionState.ConnectedPendingNetwork:
      // (PendingNetwork: the socket is open; only `navigator.onLine` says otherwise, which is false
      // with no network at all although the local backend is reached over loopback. The chip shows
      // the socket.)
      return 'connected'
    case ConnectionState.Connecting:
      return 'connecting'
    case ConnectionState.ConnectionDisrupted:
    case ConnectionState.ConnectionDisruptedPendingNetwork:
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

/**
 * Keeps each real-time socket of aws-amplify trying to reconnect on our schedule (reconnectSchedule.ts)
 * while it is down, whatever `navigator.onLine` says (aws-amplify stops trying while it is false, and
 * otherwise tries once a minute). Started with the first room shown, for the app's lifetime.
 */
const schedules = new Map<unknown, { schedule: ReconnectSchedule; down: boolean }>()
let supervising = false
function superviseReconnection(): void {
  if (supervising) return
  supervising = true
  Hub.listen('api', ({ payload }) => {
    if (payload.event !== CONNECTION_STATE_CHANGE) return
    const data = payload.data as { connectionState?: ConnectionState; provider?: unknown } | undefined
    const provider = data?.provider
    if (!provider || !data?.connectionState) return
    let entry = schedules.get(provider)
    if (!entry) {
      entry = { schedule: createReconnectSchedule(() => triggerReconnect(provider)), down: false }
      schedules.set(provider, entry)
    }
    const state = data.connectionState
    entry.down = toLinkState(state) === 'disrupted'
    if (entry.down) entry.schedule.down()
    else if (state === ConnectionState.Connecting) entry.schedule.connecting()
    else if (state === ConnectionState.Disconnected) entry.schedule.stop()
    else entry.schedule.up()
  })
}

export const amplifyRealtimeEvents: RealtimeEvents = {
  onLinkState(listener) {
    superviseReconnection()
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
  reconnect() {
    for (const { schedule, down } of schedules.values()) if (down) schedule.now()
  },
}
