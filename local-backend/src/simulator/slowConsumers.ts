import type { RealtimeServer } from './appSyncSimulatorAdapter'

/**
 * The simulator sends every event to every subscriber's WebSocket whatever the state of that socket: for a
 * client that stops reading (a frozen tab, a stalled process), `ws` queues the frames in memory without any
 * limit, so one stuck client makes the whole backend grow until it dies. AppSync disconnects clients that
 * cannot keep up; so does this, once a connection has more than `maxBufferedBytes` waiting to be written.
 * The client sees the connection drop and, like any real-time client after a disconnection, reconnects and
 * catches up from the history.
 */

/** 4 MiB: far more than a burst to a reading client leaves queued, far less than what hurts the backend. */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024

export function disconnectSlowConsumers(
  server: Pick<RealtimeServer, 'sendMessage'>,
  maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
): void {
  const send = server.sendMessage
  server.sendMessage = (connection, ...rest) => {
    if (connection.socket.bufferedAmount > maxBufferedBytes) {
      // No close frame: it would only queue behind what the client is not reading. The socket's close
      // event ends the connection's subscriptions in the simulator.
      connection.socket.terminate()
      return
    }
    send(connection, ...rest)
  }
}
