// The local backend answers queries and mutations itself (local-backend/src/simulator/queriesAndMutations.ts)
// instead of through the simulator's express handler, caching parsing and validation per query text. Each
// request below goes to the stock simulator and to the fixed backend, and both must answer with the same
// status and body (ids and times aside). The requests avoid what the fixes change on purpose (token
// verification, whitespace-only messages, malformed bodies, subscriptions), and each is sent twice, so the
// second answer comes from the caches.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { LocalBackend } from '../../local-backend/src/startLocalBackend'
import { startTestBackend } from '../../testkit/backend/testBackend'
import { createRoomChat } from '../../src/graphql/mutations'
import { getRoomChat, roomChatsByRoomName } from '../../src/graphql/queries'

let stock: LocalBackend
let fixed: LocalBackend

beforeAll(async () => {
  ;[stock, fixed] = await Promise.all([startTestBackend({ fixes: false }), startTestBackend()])
})
afterAll(async () => {
  await Promise.all([stock?.stop(), fixed?.stop()])
})

type Request = { name: string; body: unknown; headers?: (backend: LocalBackend) => Record<string, string> }
const apiKey = (backend: LocalBackend) => ({ 'x-api-key': backend.apiKey })

const requests: Request[] = [
  {
    name: 'a create',
    body: { query: createRoomChat, variables: { input: { roomName: 'same', message: 'hello' } } },
    headers: apiKey,
  },
  {
    name: 'a history query',
    body: { query: roomChatsByRoomName, variables: { roomName: 'same', sortDirection: 'DESC', limit: 5 } },
    headers: apiKey,
  },
  { name: 'a get of nothing', body: { query: getRoomChat, variables: { id: 'missing' } }, headers: apiKey },
  {
    name: 'a validation slot error',
    body: { query: createRoomChat, variables: { input: { roomName: 'a/b', message: 'hi' } } },
    headers: apiKey,
  },
  {
    name: 'a field that does not exist',
    body: { query: '{ listRoomChats { items { id nope } } }' },
    headers: apiKey,
  },
  {
    name: 'a missing required variable',
    body: { query: roomChatsByRoomName, variables: {} },
    headers: apiKey,
  },
  {
    name: 'an operation name that is not in the document',
    body: { query: '{ listRoomChats { items { id } } }', operationName: 'Other' },
    headers: apiKey,
  },
  {
    name: 'two operations and the second chosen',
    body: {
      query: 'query A { listRoomChats { items { id } } } query B { getRoomChat(id: "x") { id } }',
      operationName: 'B',
    },
    headers: apiKey,
  },
  {
    name: 'a user-pool-only query with an API key',
    body: { query: '{ listCloseRoomChats { items { id owner } } }' },
    headers: apiKey,
  },
  {
    name: 'a wrong API key',
    body: { query: '{ listRoomChats { items { id } } }' },
    headers: () => ({ 'x-api-key': 'da2-wrong' }),
  },
  { name: 'no credentials', body: { query: '{ listRoomChats { items { id } } }' } },
]

const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
const TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g

async function send(backend: LocalBackend, request: Request) {
  const response = await fetch(backend.graphqlEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers?.(backend) },
    body: JSON.stringify(request.body),
  })
  const text = await response.text()
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    cors: response.headers.get('access-control-allow-origin'),
    body: JSON.parse(text.replace(ID, '<id>').replace(TIME, '<time>')) as unknown,
  }
}

it.each(requests)('answers $name as the simulator does, first time and cached', async (request) => {
  for (let round = 0; round < 2; round++) {
    const expected = await send(stock, request)
    const actual = await send(fixed, request)
    expect(actual, `round ${round + 1}`).toEqual(expected)
  }
})
