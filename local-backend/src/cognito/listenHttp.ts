import type { Server } from 'node:http'

/** Listens and turns the usual failures into one line that says what to do. */
export function listenHttp(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening)
      reject(new Error(listenErrorMessage(error, host, port)))
    }
    const onListening = () => {
      server.off('error', onError)
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(port, host)
  })
}

function listenErrorMessage(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `Port ${port} on ${host} is already in use, so the local Cognito user pool cannot start: stop the other process or choose another port with --cognito-port.`
    case 'EACCES':
      return `Not allowed to listen on port ${port} on ${host}: choose a port above 1023 with --cognito-port.`
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `Cannot listen on host ${host} (${error.code}): use 127.0.0.1.`
    default:
      return `The local Cognito user pool cannot listen on ${host}:${port}: ${error.message}`
  }
}

/** Closes the server and the keep-alive connections browsers and Amplify leave open, so nothing keeps Node alive. */
export function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve()
      return
    }
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}
