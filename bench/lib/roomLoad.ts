import { createRoomChat } from '../../src/graphql/mutations'
import { onCreateRoomChatByRoomName } from '../../src/graphql/subscriptions'
import { AppSyncRealtimeClient } from '../../testkit/backend/appSyncRealtimeClient'
import type { BenchBackendEndpoints } from './benchBackend'
import { DeliveryTracker, messageText, nowMs, type PhaseResult, type Subscriber } from './deliveryTracker'

const CONNECT_CONCURRENCY = 10
const CONNECT_TIMEOUT_MS = 60_000
const REQUEST_TIMEOUT_MS = 10_000
/** How long after the last publish deliveries may still arrive before they count as lost. */
const DELIVERY_TIMEOUT_MS = 10_000

export interface RoomLoadShape {
  rooms: number
  subscribersPerRoom: number
}

export function roomName(index: number): string {
  return `bench-room-${index}`
}

/**
 * Subscribers of onCreateRoomChatByRoomName, `subscribersPerRoom` per room, each on its own WebSocket with
 * the API key, like that many browser tabs.
 */
export class RoomSubscribers {
  readonly tracker: DeliveryTracker
  private readonly clients: AppSyncRealtimeClient[] = []

  private constructor(
    readonly backend: BenchBackendEndpoints,
    readonly shape: RoomLoadShape,
  ) {
    this.tracker = new DeliveryTracker(shape.subscribersPerRoom)
  }

  static async connect(backend: BenchBackendEndpoints, shape: RoomLoadShape): Promise<RoomSubscribers> {
    const subscribers = new RoomSubscribers(backend, shape)
    try {
      await withTimeout(subscribers.connectAll(), CONNECT_TIMEOUT_MS, 'connecting the subscribers')
    } catch (error) {
      subscribers.close()
      throw error
    }
    return subscribers
  }

  private async connectAll() {
    const total = this.shape.rooms * this.shape.subscribersPerRoom
    const host = new URL(this.backend.graphqlEndpoint).host
    let next = 0
    const connectNext = async () => {
      while (next < total) {
        const subscriber: Subscriber = {
          id: next,
          roomName: roomName(Math.floor(next / this.shape.subscribersPerRoom)),
        }
        next++
        const client = new AppSyncRealtimeClient(
          this.backend.realtimeEndpoint,
          { 'x-api-key': this.backend.apiKey },
          host,
        )
        this.clients.push(client)
        await client.connect()
        await client.subscribe(onCreateRoomChatByRoomName, { roomName: subscriber.roomName }, (item) =>
          this.tracker.deliver(subscriber, item, nowMs()),
        )
      }
    }
    await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, connectNext))
  }

  get count(): number {
    return this.clients.length
  }

  close() {
    this.clients.forEach((client) => client.close())
  }
}

/** One createRoomChat over HTTP with the API key; returns the error text, or undefined when it was created. */
async function publish(
  backend: BenchBackendEndpoints,
  roomNameValue: string,
  message: string,
): Promise<string | undefined> {
  try {
    const response = await fetch(backend.graphqlEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': backend.apiKey },
      body: JSON.stringify({
        query: createRoomChat,
        variables: { input: { roomName: roomNameValue, message } },
      }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    const body = (await response.json()) as {
      data?: { createRoomChat?: unknown }
      errors?: { message: string }[]
    }
    if (body.errors?.length) return body.errors.map((error) => error.message).join('; ')
    if (!response.ok || !body.data?.createRoomChat) return `HTTP ${response.status} without a created item`
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}

async function publishOne(subscribers: RoomSubscribers, phase: PhaseResult, seq: number) {
  const room = roomName(seq % subscribers.shape.rooms)
  const key = `${phase.name}-${seq}`
  subscribers.tracker.register(phase, key, room)
  const error = await publish(subscribers.backend, room, messageText(key, nowMs()))
  if (error) subscribers.tracker.failed(phase, key, error)
  else subscribers.tracker.published(phase)
}

/** `messages` mutations one after the other, round-robin over the rooms; then waits for the deliveries. */
export async function runLatencyPhase(
  subscribers: RoomSubscribers,
  name: string,
  messages: number,
): Promise<PhaseResult> {
  const phase = subscribers.tracker.phase(name)
  for (let seq = 0; seq < messages; seq++) await publishOne(subscribers, phase, seq)
  await subscribers.tracker.waitForDeliveries(phase, DELIVERY_TIMEOUT_MS)
  return phase
}

export interface ThroughputResult {
  phase: PhaseResult
  /** Successful mutations per second, from the first send to the last response. */
  perSecond: number
  elapsedMs: number
  /** True when the time limit ended the publishing before the count was reached. */
  truncated: boolean
}

/** `publishers` concurrent publishers share `messages` mutations (bounded by `timeLimitMs`). */
export async function runThroughputPhase(
  subscribers: RoomSubscribers,
  name: string,
  options: { messages: number; publishers: number; timeLimitMs: number },
): Promise<ThroughputResult> {
  const phase = subscribers.tracker.phase(name)
  const started = performance.now()
  const deadline = started + options.timeLimitMs
  let next = 0
  let truncated = false
  const publisher = async () => {
    while (next < options.messages) {
      if (performance.now() > deadline) {
        truncated = true
        return
      }
      await publishOne(subscribers, phase, next++)
    }
  }
  await Promise.all(Array.from({ length: options.publishers }, publisher))
  const elapsedMs = performance.now() - started
  await subscribers.tracker.waitForDeliveries(phase, DELIVERY_TIMEOUT_MS)
  return { phase, perSecond: (phase.published / elapsedMs) * 1000, elapsedMs, truncated }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${timeoutMs} ms`)), timeoutMs)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
