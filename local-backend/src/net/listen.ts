import type { Server } from 'node:http'

/** Thrown when a port is taken: one line saying which, and which option changes it. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly host: string,
    readonly service: string,
    readonly option?: string,
  ) {
    super(
      `${service} cannot listen on ${host}:${port}: the port is already in use` +
        (option ? ` (stop the other process or choose another port with ${option}).` : '.'),
    )
  }
}

/** `server.listen` as a promise that rejects with a clear error instead of crashing on EADDRINUSE. */
export function listen(
  server: Server,
  options: { host: string; port: number; name: string; option?: string },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening)
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(options.port, options.host, options.name, options.option)
          : error,
      )
    }
    const onListening = () => {
      server.off('error', onError)
      resolve()
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(options.port, options.host)
  })
}
