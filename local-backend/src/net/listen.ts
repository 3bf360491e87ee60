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

interface ListenOptions {
  host: string
  port: number
  /** What is starting, as the first words of an error: "GraphQL API", "The local Cognito user pool". */
  name: string
  /** The command-line option that changes the port, named in the error. */
  option?: string
}

function listenError(error: NodeJS.ErrnoException, { host, port, name, option }: ListenOptions): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new PortInUseError(port, host, name, option)
    case 'EACCES':
      return new Error(
        `${name} is not allowed to listen on ${host}:${port}` +
          (option ? `: choose a port above 1023 with ${option}.` : '.'),
      )
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new Error(`${name} cannot listen on host ${host} (${error.code}): use 127.0.0.1.`)
    default:
      return error
  }
}

/**
 * `server.listen` as a promise of the bound port (the free one picked for 0), rejecting with a one-line
 * error that says what to do instead of crashing on EADDRINUSE.
 */
export function listen(server: Server, options: ListenOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening)
      reject(listenError(error, options))
    }
    const onListening = () => {
      server.off('error', onError)
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : options.port)
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(options.port, options.host)
  })
}

/** Closes the server and the keep-alive connections browsers and Amplify leave open, so nothing keeps Node alive. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve()
      return
    }
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}
