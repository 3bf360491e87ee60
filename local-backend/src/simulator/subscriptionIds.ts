import type { RealtimeConnection, RealtimeServer } from './appSyncSimulatorAdapter'
import { simulatorGraphql } from './appSyncSimulatorAdapter'
import type { MessageStep, RealtimeMessage } from './requestPipeline'

const WEBSOCKET_CLOSED = 3

interface Operation {
  /** Set by a `stop` that arrives while the start is still being authorized and resolved. */
  stopped: boolean
}

/**
 * One subscription per id and connection, and nothing that outlives its connection. The stock simulator
 * checks an id only once a start has finished, so many `start` frames with one id all subscribe, and a start
 * that finishes after its socket closed (or after its `stop`) subscribes for good: each keeps a pub/sub
 * listener and is fed every event for the life of the process. AppSync answers a second `start` with an id
 * still in use with `DuplicatedOperationError`.
 */
export function subscriptionIdRegistry(realtime: RealtimeServer): {
  oneSubscriptionPerId: MessageStep
  startSubscription: RealtimeServer['onSubscriptionStart']
} {
  const operations = new WeakMap<RealtimeConnection, Map<string, Operation>>()
  const operationsOf = (connection: RealtimeConnection) => {
    let map = operations.get(connection)
    if (!map) operations.set(connection, (map = new Map()))
    return map
  }

  const oneSubscriptionPerId: MessageStep = async (connection, message, next) => {
    const id = typeof message.id === 'string' ? message.id : ''
    const inUse = operationsOf(connection)
    if (message.type === 'stop') {
      const operation = inUse.get(id)
      if (operation) operation.stopped = true
      inUse.delete(id)
      return next()
    }
    if (message.type !== 'start') return next()
    if (inUse.has(id)) {
      realtime.sendError(connection, id, {
        errors: [{ errorType: 'DuplicatedOperationError', message: `Duplicated operation with id ${id}` }],
      })
      return
    }
    const operation: Operation = { stopped: false }
    inUse.set(id, operation)
    try {
      // Resolves when the subscription ends (stop, close) or fails to start.
      await next()
    } finally {
      if (inUse.get(id) === operation) inUse.delete(id)
    }
  }

  // The simulator's onSubscriptionStart, plus: a start whose socket closed or whose stop came while it was
  // being resolved is ended at once instead of being registered on a connection nobody cleans up again.
  const startSubscription = async (connection: RealtimeConnection, raw: unknown) => {
    const message = raw as RealtimeMessage & { id: string; payload: { data: string } }
    const { id } = message
    const data = JSON.parse(message.payload.data) as { query: string; variables?: unknown }
    const document = simulatorGraphql.parse(data.query)
    const headers = message.payload.extensions?.authorization
    const result = await realtime.options.onSubscribeHandler(
      document,
      data.variables,
      headers,
      connection.request,
    )
    if (result.errors) {
      realtime.sendError(connection, id, { errors: result.errors, data: result.data ?? null })
      return
    }
    const operation = operations.get(connection)?.get(id)
    if (connection.socket.readyState === WEBSOCKET_CLOSED || !operation || operation.stopped) {
      await result.return()
      return
    }
    const subscription = { id, asyncIterator: result, document, variables: data.variables }
    connection.subscriptions.set(id, subscription)
    realtime.sendMessage(connection, id, 'start_ack', {})
    await realtime.attachAsyncIterator(connection, subscription)
  }

  return { oneSubscriptionPerId, startSubscription }
}
