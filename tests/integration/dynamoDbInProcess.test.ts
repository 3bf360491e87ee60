// The fixed backend's simulator reaches dynalite through inProcessRequestHandler, without a socket. The
// client here is the AWS SDK the simulator uses, pointed at a port where nothing listens: any request that
// went over the network would fail, so every answer below came through the in-process handler.
import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb'
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import {
  localDynamoDbCredentials,
  startDynamoDb,
  type LocalDynamoDb,
} from '../../local-backend/src/dynamodb/startDynamoDb'

let dynamoDb: LocalDynamoDb
let client: DynamoDBClient

beforeEach(async () => {
  dynamoDb = await startDynamoDb({
    tables: [
      {
        TableName: 'Messages',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      },
    ],
  })
  client = new DynamoDBClient({
    endpoint: 'http://127.0.0.1:9',
    region: localDynamoDbCredentials.region,
    credentials: localDynamoDbCredentials,
    maxAttempts: 1,
    requestHandler: dynamoDb.inProcessRequestHandler as DynamoDBClientConfig['requestHandler'],
  })
})
afterEach(async () => {
  client.destroy()
  await dynamoDb.stop()
})

it('stores and reads items with unicode intact, as over HTTP, without SDK warnings', async () => {
  const warn = vi.spyOn(console, 'warn')
  const text = 'héllo 👋 שלום'
  await client.send(
    new PutItemCommand({ TableName: 'Messages', Item: { id: { S: 'a' }, text: { S: text } } }),
  )
  const { Item } = await client.send(
    new GetItemCommand({ TableName: 'Messages', Key: { id: { S: 'a' } }, ConsistentRead: true }),
  )
  expect(Item).toEqual({ id: { S: 'a' }, text: { S: text } })
  // Reading the SDK's body the wrong way makes it print a deprecation warning on each backend start.
  expect(warn).not.toHaveBeenCalled()
  warn.mockRestore()
})

it("passes on dynalite's errors with their DynamoDB names", async () => {
  await client.send(new PutItemCommand({ TableName: 'Messages', Item: { id: { S: 'a' } } }))
  const conditional = client.send(
    new PutItemCommand({
      TableName: 'Messages',
      Item: { id: { S: 'a' } },
      ConditionExpression: 'attribute_not_exists(id)',
    }),
  )
  await expect(conditional).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' })
  const invalid = client.send(
    new QueryCommand({ TableName: 'Messages', KeyConditionExpression: 'id = :missing' }),
  )
  await expect(invalid).rejects.toMatchObject({ name: 'ValidationException' })
  const noTable = client.send(new GetItemCommand({ TableName: 'Nope', Key: { id: { S: 'a' } } }))
  await expect(noTable).rejects.toMatchObject({ name: 'ResourceNotFoundException' })
})

it('answers 503 once stopping, as the HTTP listener does', async () => {
  const stopped = dynamoDb.stop()
  const late = client.send(new GetItemCommand({ TableName: 'Messages', Key: { id: { S: 'a' } } }))
  await expect(late).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } })
  await stopped
  dynamoDb = { ...dynamoDb, stop: async () => {} }
})

// Linux's table of this network namespace's TCP sockets: the ports in state LISTEN (0A).
const listeningPorts = () =>
  new Set(
    ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        .filter((fields) => fields[3] === '0A')
        .map((fields) => fields[1]),
    ),
  )

it('listens on no TCP port: nothing outside this process can write rows, whatever their owner', async () => {
  const before = listeningPorts()
  const another = await startDynamoDb({ tables: [] })
  try {
    expect(another.endpoint).toBeUndefined()
    expect([...listeningPorts()].filter((port) => !before.has(port))).toEqual([])
  } finally {
    await another.stop()
  }
})
