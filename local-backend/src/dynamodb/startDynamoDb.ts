import { createRequire } from 'node:module'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb'
import type { TableDefinition } from '../compile/collectAppSyncResources'
import { listen } from '../net/listen'
import { inProcessRequestHandler, type SdkRequestHandler } from './inProcessRequestHandler'

const require = createRequire(import.meta.url)
const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server

/** Same fake region and credentials as `amplify mock`: nothing here ever reaches AWS. */
export const localDynamoDbCredentials = { region: 'us-fake-1', accessKeyId: 'fake', secretAccessKey: 'fake' }

export interface LocalDynamoDb {
  endpoint: string
  /** For SDK clients in this process: the same requests, handed to dynalite without a socket. */
  inProcessRequestHandler: SdkRequestHandler
  stop(): Promise<void>
}

/**
 * DynamoDB in-process (dynalite, LevelDB on disk or in memory), with the API's tables created when missing.
 * It listens on an ephemeral loopback port: only the simulator talks to it.
 */
export async function startDynamoDb(options: {
  dataDir?: string
  tables: TableDefinition[]
}): Promise<LocalDynamoDb> {
  const server = dynalite({ path: options.dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  const drain = drainOnStop(server)
  await listen(server, { host: '127.0.0.1', port: 0, name: 'DynamoDB' })
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const client = new DynamoDBClient({
    endpoint,
    region: localDynamoDbCredentials.region,
    credentials: localDynamoDbCredentials,
  })
  try {
    await ensureTables(client, options.tables)
  } finally {
    client.destroy()
  }
  return {
    endpoint,
    inProcessRequestHandler: inProcessRequestHandler(server),
    stop: async () => {
      await drain()
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      })
    },
  }
}

async function ensureTables(client: DynamoDBClient, tables: TableDefinition[]) {
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? [])
  for (const table of tables) {
    if (existing.has(table.TableName)) continue
    await client.send(new CreateTableCommand({ ...table, BillingMode: 'PAY_PER_REQUEST' }))
  }
  // dynalite turns a new table ACTIVE on its next timer tick; a request before that finds no table.
  for (const { TableName } of tables) {
    for (let attempt = 0; ; attempt++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName }))
      if (Table?.TableStatus === 'ACTIVE') break
      if (attempt === 1000) throw new Error(`DynamoDB table ${TableName} did not become active`)
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
}

/**
 * Stopping while the simulator still sends requests used to end the process: dynalite's database closed
 * under an operation in progress and threw "Database is closed". So stop answers new requests with 503,
 * lets those in progress finish (at most `limitMs`), and only then lets the connections and database close.
 */
function drainOnStop(server: Server, limitMs = 3000): () => Promise<void> {
  let inFlight = 0
  let stopping = false
  let drained: (() => void) | undefined
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[]
  server.removeAllListeners('request')
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (stopping) {
      res.writeHead(503, { connection: 'close' }).end()
      return
    }
    inFlight++
    res.once('close', () => {
      if (--inFlight === 0) drained?.()
    })
    listeners.forEach((listener) => listener.call(server, req, res))
  })
  return () => {
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
}
