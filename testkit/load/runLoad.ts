import { createTestUser, type TestUser } from '../backend/cognitoUsers'
import type { ChatMessage, TimelineEntry } from '../../src/domain/chatMessage'
import { compareMessages } from '../../src/domain/timeline'
import { graphqlRequest, wholeHistory, type LoadEndpoints } from './loadGraphql'
import { planRooms, roomOperations, type LoadRoom, type LoadShape, type RoomKind } from './loadPlan'
import { createHeaders, runPublishers, type PublishResult } from './loadPublishers'
import { fenceText, LoadSubscriber } from './loadSubscriber'
import { LoadTracker, type DeliveryCounts } from './loadTracker'

export interface BackendUsage {
  /** Peak resident set size since the last reset. */
  rssBytes: number
  heapUsedBytes: number
  /** CPU time (user + system) the backend's process used since the last reset, when it runs on its own. */
  cpuMs?: number
}

/** Samples a backend's memory and CPU: in this process for an in-process backend, or asks a child process. */
export interface BackendUsageProbe {
  reset(): Promise<void>
  peak(): Promise<BackendUsage>
}

export interface LoadOptions extends LoadShape {
  /** Makes room names and users unique, so several runs can share a backend. */
  runId: string
  publishers: number
  messages: number
  /** Messages in each room before the subscribers arrive: what their first history page shows. */
  seedPerRoom: number
  /** The backend's fixed sign-up confirmation code. */
  confirmationCode: string
  /** A benchmark's cap on publishing time (the result says `truncated`); a test sets none: it checks that nothing is lost, however long that takes. */
  publishTimeLimitMs?: number
  /** How long after the last accepted create deliveries may still arrive before they count as lost. */
  deliveryTimeoutMs: number
  connectTimeoutMs: number
  usage?: BackendUsageProbe
  /** Called once every subscriber is connected, before publishing starts (e.g. to sample memory). */
  onConnected?: () => Promise<void>
  log?: (line: string) => void
}

export interface TimelineCheck {
  checked: number
  /** Subscribers whose final timeline is not exactly the server's history of their room, in order. */
  mismatched: number
  examples: string[]
}

export interface LoadResult {
  subscribers: number
  roomsByKind: Record<RoomKind, number>
  signedInSubscribers: number
  connectMs: number
  publish: PublishResult
  deliveries: DeliveryCounts
  /** Every due delivery arrived before the delivery timeout. */
  deliveriesComplete: boolean
  latencyP50: number
  latencyP99: number
  timelines: TimelineCheck
  usage?: BackendUsage
}

const CONNECT_CONCURRENCY = 10
const MAX_EXAMPLES = 5

/**
 * Many readers in many rooms, publishers sending concurrently, against one backend: connect every
 * subscriber (each subscribes, then reads its first history page), publish, wait until every accepted
 * message reached every reader of its room, send each room a last "fence" message (once a reader has its
 * fence, nothing earlier can still be on the way to it: duplicates and wrong-room deliveries are all
 * counted), then compare every reader's timeline with what the server holds. Closes everything it opened.
 */
export async function runLoad(endpoints: LoadEndpoints, options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? (() => {})
  const users = await Promise.all(
    Array.from({ length: options.publishers }, (_, p) =>
      createTestUser(endpoints, `load-${options.runId}-${p}@example.com`, options.confirmationCode),
    ),
  )
  const rooms = planRooms(options, options.runId)
  await seedRooms(endpoints, rooms, users[0], options.seedPerRoom)

  const tracker = new LoadTracker()
  const subscribers: LoadSubscriber[] = []
  let id = 0
  for (const room of rooms) {
    for (const auth of room.readers) {
      const subscriberId = id++
      subscribers.push(
        new LoadSubscriber(
          subscriberId,
          room,
          auth,
          endpoints,
          tracker,
          fenceText(options.runId, room),
          users[subscriberId % users.length],
        ),
      )
    }
  }
  try {
    const connectStarted = performance.now()
    await withTimeout(connectAll(subscribers), options.connectTimeoutMs, 'connecting the subscribers')
    const connectMs = performance.now() - connectStarted
    log(`${subscribers.length} subscribers connected in ${Math.round(connectMs)} ms`)

    await options.onConnected?.()
    await options.usage?.reset()
    const publish = await runPublishers({
      endpoints,
      tracker,
      rooms,
      users,
      messages: options.messages,
      timeLimitMs: options.publishTimeLimitMs,
    })
    log(`${publish.accepted} creates accepted in ${Math.round(publish.elapsedMs)} ms`)
    const deliveriesComplete = await tracker.waitForDeliveries(options.deliveryTimeoutMs)
    await sendFences(endpoints, rooms, users[0], options.runId)
    const fences = await Promise.all(subscribers.map((s) => s.waitForFence(options.deliveryTimeoutMs)))
    const usage = await options.usage?.peak()
    if (fences.includes(false)) log(`${fences.filter((f) => !f).length} subscribers never got their fence`)

    const deliveries = tracker.result()
    return {
      subscribers: subscribers.length,
      roomsByKind: countKinds(rooms),
      signedInSubscribers: subscribers.filter((s) => s.auth === 'userPool').length,
      connectMs,
      publish,
      deliveries,
      deliveriesComplete,
      latencyP50: percentile(deliveries.latencies, 50),
      latencyP99: percentile(deliveries.latencies, 99),
      timelines: await checkTimelines(endpoints, rooms, subscribers),
      usage,
    }
  } finally {
    subscribers.forEach((subscriber) => subscriber.close())
  }
}

async function connectAll(subscribers: LoadSubscriber[]) {
  let next = 0
  const worker = async () => {
    while (next < subscribers.length) await subscribers[next++].connect()
  }
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, worker))
}

async function seedRooms(endpoints: LoadEndpoints, rooms: LoadRoom[], user: TestUser, perRoom: number) {
  await Promise.all(
    rooms.map(async (room) => {
      const operations = roomOperations[room.kind]
      for (let i = 0; i < perRoom; i++) {
        await graphqlRequest(
          endpoints.graphqlEndpoint,
          operations.mutation,
          { input: operations.mutationInput(room, `seed ${i} before the readers came`) },
          createHeaders(endpoints, room, user),
        )
      }
    }),
  )
}

async function sendFences(endpoints: LoadEndpoints, rooms: LoadRoom[], user: TestUser, runId: string) {
  await Promise.all(
    rooms.map((room) =>
      graphqlRequest(
        endpoints.graphqlEndpoint,
        roomOperations[room.kind].mutation,
        { input: roomOperations[room.kind].mutationInput(room, fenceText(runId, room)) },
        createHeaders(endpoints, room, user),
      ),
    ),
  )
}

/**
 * Each reader's timeline must be exactly its room as the server holds it: the same ids, in the app's
 * order (createdAt, then id), which must also be the order the server returns.
 */
async function checkTimelines(
  endpoints: LoadEndpoints,
  rooms: LoadRoom[],
  subscribers: LoadSubscriber[],
): Promise<TimelineCheck> {
  const check: TimelineCheck = { checked: 0, mismatched: 0, examples: [] }
  const note = (text: string) => {
    check.mismatched++
    if (check.examples.length < MAX_EXAMPLES) check.examples.push(text)
  }
  for (const room of rooms) {
    const operations = roomOperations[room.kind]
    const stored = await wholeHistory(
      endpoints.graphqlEndpoint,
      operations.history,
      operations.historyField,
      operations.historyVariables(room),
      { 'x-api-key': endpoints.apiKey },
    )
    const expected = [...stored].sort(compareMessages).map((message) => message.id)
    if (!isSortedByCreatedAt(stored))
      note(`${room.kind} ${room.name}: the server's history is not in createdAt order`)
    for (const subscriber of subscribers.filter((s) => s.room === room)) {
      check.checked++
      const problem = timelineProblem(subscriber.timeline, expected)
      if (problem)
        note(`subscriber ${subscriber.id} (${room.kind} ${room.name}, ${subscriber.auth}): ${problem}`)
    }
  }
  return check
}

function timelineProblem(timeline: readonly TimelineEntry[], expected: string[]): string | undefined {
  const ids = timeline.map((entry) => entry.id)
  if (ids.length === expected.length && ids.every((id, i) => id === expected[i])) return undefined
  const have = new Set(ids)
  const want = new Set(expected)
  const missing = expected.filter((id) => !have.has(id)).length
  const extra = ids.filter((id) => !want.has(id)).length
  const repeated = ids.length - have.size
  return `${missing} missing, ${extra} not on the server, ${repeated} shown twice${
    missing + extra + repeated === 0 ? ', order differs' : ''
  } (${ids.length} shown, ${expected.length} stored)`
}

function isSortedByCreatedAt(messages: ChatMessage[]): boolean {
  return messages.every((message, i) => i === 0 || messages[i - 1].createdAt <= message.createdAt)
}

function countKinds(rooms: LoadRoom[]): Record<RoomKind, number> {
  const counts: Record<RoomKind, number> = { open: 0, room: 0, closed: 0 }
  rooms.forEach((room) => counts[room.kind]++)
  return counts
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN
  const sorted = Float64Array.from(values).sort()
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${timeoutMs} ms`)), timeoutMs)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
