import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { type DynamoDBClientConfig, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import type { TableDefinition } from '../compile/collectAppSyncResources'
import { listen } from '../net/listen'
import { inProcessRequestHandler, type SdkRequestHandler } from './inProcessRequestHandler'
import { syncTables } from './syncTables'

const require = createRequire(import.meta.url)
const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server

/** Same fake region and credentials as `amplify mock`: nothing here ever reaches AWS. */
export const localDynamoDbCredentials = { region: 'us-fake-1', accessKeyId: 'fake', secretAccessKey: 'fake' }

export interface LocalDynamoDb {
  /** For SDK clients in this process: requests handed to dynalite without a socket. */
  inProcessRequestHandler: SdkRequestHandler
  /** A loopback HTTP endpoint, only when asked for with `httpEndpoint` (the stock configuration). */
  endpoint?: string
  /** Creates missing tables and adds or removes indexes so the tables follow the compiled API, rows kept. */
  syncTables(tables: TableDefinition[]): Promise<void>
  stop(): Promise<void>
}

/**
 * DynamoDB in-process (dynalite, LevelDB on disk or in memory), with the API's tables made to follow the
 * compiled API (`syncTables`).
 * dynalite checks no signature, so a DynamoDB port anyone on the machine (or a web page) could reach would
 * let them write rows with any owner. By default nothing listens on a network port: the simulator calls it
 * in-process, and dynalite's server is bound only to a socket file in a folder private to this user (its
 * close() is what closes the database). `httpEndpoint: true` adds a loopback HTTP port, for the stock
 * simulator configuration (`fixes: false`), which reaches DynamoDB over HTTP as `amplify mock` does.
 */
export async function startDynamoDb(options: {
  dataDir?: string
  tables: TableDefinition[]
  httpEndpoint?: boolean
  log?: (line: string) => void
}): Promise<LocalDynamoDb> {
  const server = dynalite({ path: options.dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  const dynaliteListener = takeRequestListener(server)
  const drained = drainOnStop(dynaliteListener)
  const handler = inProcessRequestHandler(drained.listener)
  const socketDir = await mkdtemp(path.join(os.tmpdir(), 'local-backend-dynamodb-'))
  let endpoint: string | undefined
  const client = new DynamoDBClient({
    endpoint: 'http://dynamodb.in-process.invalid',
    region: localDynamoDbCredentials.region,
    credentials: localDynamoDbCredentials,
    requestHandler: handler as DynamoDBClientConfig['requestHandler'],
  })
  // Next to dynalite's folder, not in it: rows kept while a table is rebuilt for an index change.
  const rebuildDir = options.dataDir && `${options.dataDir.replace(/[\\/]+$/, '')}-rebuild`
  const sync = (tables: TableDefinition[]) => syncTables(client, tables, { rebuildDir, log: options.log })
  try {
    if (options.httpEndpoint) {
      server.on('request', drained.listener)
      await listen(server, { host: '127.0.0.1', port: 0, name: 'DynamoDB' })
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    } else {
      // Nothing reads this socket; no request ever arrives on it (no listener is attached).
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(path.join(socketDir, 'dynalite.sock'), () => resolve())
      })
    }
    await sync(options.tables)
  } catch (error) {
    client.destroy()
    await closeDynalite(server).catch(() => {})
    await rm(socketDir, { recursive: true, force: true })
    throw error
  }
  return {
    endpoint,
    inProcessRequestHandler: handler,
    syncTables: sync,
    stop: async () => {
      client.destroy()
      await drained.stop()
      await closeDynalite(server)
      await rm(socketDir, { recursive: true, force: true })
    },
  }
}

// dynalite's close() closes its database too (and only once its server has stopped listening).
const closeDynalite = (server: Server) =>
  new Promise<void>((resolve, reject) => {
    server.closeAllConnections()
    server.close((error) => (error ? reject(error) : resolve()))
  })

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void

function takeRequestListener(server: Server): RequestListener {
  const listeners = server.listeners('request') as RequestListener[]
  server.removeAllListeners('request')
  return (req, res) => listeners.forEach((listener) => listener.call(server, req, res))
}

/**
 * Stopping while the simulator still sends requests used to end the process: dynalite's database closed
 * under an operation in progress and threw "Database is closed". So stop answers new requests with 503,
 * lets those in progress finish (at most `limitMs`), and only then lets the connections and database close.
 */
function drainOnStop(
  dynaliteListener: RequestListener,
  limitMs = 3000,
): { listener: RequestListener; stop(): Promise<void> } {
  let inFlight = 0
  let stopping = false
  let drained: (() => void) | undefined
  const listener: RequestListener = (req, res) => {
    if (stopping) {
      res.writeHead(503, { connection: 'close' }).end()
      return
    }
    inFlight++
    res.once('close', () => {
      if (--inFlight === 0) drained?.()
    })
    dynaliteListener(req, res)
  }
  const stop = () => {
    stopping = true
    if (inFlight === 0) return Promise.resolve()
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, limitMs)
      drained = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }
  return { listener, stop }
}
