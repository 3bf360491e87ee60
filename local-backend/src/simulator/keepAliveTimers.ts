import type { RealtimeServer } from './appSyncSimulatorAdapter'

/**
 * The simulator starts the keep-alive timer twice per connection and clears only the second when the
 * connection closes, so every connection leaks a timer for the life of the process (and an in-process
 * backend keeps Node alive after stop()). Start it once.
 */
export function startOneKeepAlivePerConnection(server: Pick<RealtimeServer, 'setupPing'>): void {
  const setupPing = server.setupPing
  server.setupPing = (connection) => {
    if (connection.pingIntervalHandle) clearInterval(connection.pingIntervalHandle)
    setupPing(connection)
  }
}
