import { BatchWriteItemCommand, DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb'
import path from 'node:path'
import { loadCompiledApi } from '../../local-backend/src/compile/loadCompiledApi'
import { localDynamoDbCredentials, startDynamoDb } from '../../local-backend/src/dynamodb/startDynamoDb'

const BATCH = 25
const CONCURRENT_BATCHES = 8
const ROOM_TABLE = 'RoomChatTable'

export interface SeededRoom {
  roomName: string
  messages: number
}

/**
 * Writes room-chat history straight into the data folder a backend will then serve, as rows the generated
 * createRoomChat resolver would have written: publishing 100,000 messages through the API would take most of
 * an hour and measure publishing, not reading. Uses the backend's own DynamoDB (dynalite on the folder's
 * LevelDB) and the compiled API's table definitions, so keys and indexes are the served ones.
 */
export async function seedRoomHistory(
  dataDir: string,
  rooms: SeededRoom[],
  log: (line: string) => void,
): Promise<void> {
  const api = await loadCompiledApi()
  const dynamoDb = await startDynamoDb({ dataDir: path.join(dataDir, 'dynamodb'), tables: api.tables })
  const client = new DynamoDBClient({
    endpoint: 'http://dynamodb.in-process.invalid',
    region: localDynamoDbCredentials.region,
    credentials: localDynamoDbCredentials,
    requestHandler: dynamoDb.inProcessRequestHandler as never,
  })
  try {
    for (const room of rooms) {
      const started = performance.now()
      const base = Date.UTC(2026, 0, 1)
      let next = 0
      const writer = async () => {
        while (next < room.messages) {
          const from = next
          next = Math.min(room.messages, next + BATCH)
          const requests: WriteRequest[] = []
          for (let i = from; i < next; i++) {
            const at = new Date(base + i * 1000).toISOString()
            requests.push({
              PutRequest: {
                Item: {
                  id: { S: `${room.roomName}-${i}` },
                  roomName: { S: room.roomName },
                  message: { S: `history message ${i} of ${room.roomName}` },
                  createdAt: { S: at },
                  updatedAt: { S: at },
                  __typename: { S: 'RoomChat' },
                },
              },
            })
          }
          await writeAll(client, requests)
        }
      }
      await Promise.all(Array.from({ length: CONCURRENT_BATCHES }, writer))
      log(
        `seeded ${room.messages} messages in ${room.roomName} (${Math.round(performance.now() - started)} ms)`,
      )
    }
  } finally {
    client.destroy()
    await dynamoDb.stop()
  }
}

async function writeAll(client: DynamoDBClient, requests: WriteRequest[]) {
  let pending = requests
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 20) throw new Error(`DynamoDB kept ${pending.length} writes unprocessed`)
    const answer = await client.send(new BatchWriteItemCommand({ RequestItems: { [ROOM_TABLE]: pending } }))
    pending = answer.UnprocessedItems?.[ROOM_TABLE] ?? []
  }
}
