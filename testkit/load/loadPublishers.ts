import type { TestUser } from '../backend/cognitoUsers'
import { graphqlRequest, type LoadEndpoints } from './loadGraphql'
import { roomKey, roomOperations, type LoadRoom } from './loadPlan'
import { loadText, nowMs } from './loadText'
import type { LoadTracker } from './loadTracker'

export interface PublishResult {
  accepted: number
  failed: number
  /** The first few errors, for the report. */
  errors: string[]
  /** From the first send to the last response. */
  elapsedMs: number
  /** Accepted mutations per second over `elapsedMs`. */
  perSecond: number
  /** True when the time limit ended publishing before every message was sent. */
  truncated: boolean
}

const KEPT_ERRORS = 5

/**
 * Headers of a create in this room: the API key in the open chat and room chats; in a closed room the
 * poster's ID token, as the app sends it (the server takes the author's display name from its
 * preferred_username claim).
 */
export function createHeaders(
  endpoints: LoadEndpoints,
  room: LoadRoom,
  user: TestUser,
): Record<string, string> {
  return room.kind === 'closed' ? { Authorization: user.idToken } : { 'x-api-key': endpoints.apiKey }
}

/** Sends one create and reports it to the tracker; returns the error text when it failed. */
export async function publishOne(
  endpoints: LoadEndpoints,
  tracker: LoadTracker,
  room: LoadRoom,
  user: TestUser,
  publisher: number,
  seq: number,
): Promise<string | undefined> {
  const operations = roomOperations[room.kind]
  tracker.register(publisher, seq, roomKey(room.kind, room.name))
  try {
    await graphqlRequest(
      endpoints.graphqlEndpoint,
      operations.mutation,
      { input: operations.mutationInput(room, loadText(publisher, seq, nowMs())) },
      createHeaders(endpoints, room, user),
    )
    tracker.accepted(publisher, seq)
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}

/**
 * `users.length` publishers send `messages` creates in all, concurrently, each waiting for the answer to
 * one before sending its next (so its order is defined). Publisher p's k-th message goes to room (p + k)
 * mod rooms: every room gets every publisher's messages, interleaved.
 */
export async function runPublishers(options: {
  endpoints: LoadEndpoints
  tracker: LoadTracker
  rooms: LoadRoom[]
  users: TestUser[]
  messages: number
  /** Stop sending after this long (a benchmark's cap); without it every message is sent. */
  timeLimitMs?: number
}): Promise<PublishResult> {
  const { endpoints, tracker, rooms, users } = options
  const publishers = users.length
  const started = performance.now()
  const deadline = started + (options.timeLimitMs ?? Infinity)
  const result: PublishResult = {
    accepted: 0,
    failed: 0,
    errors: [],
    elapsedMs: 0,
    perSecond: 0,
    truncated: false,
  }
  const publisher = async (p: number) => {
    const share = Math.floor(options.messages / publishers) + (p < options.messages % publishers ? 1 : 0)
    for (let seq = 0; seq < share; seq++) {
      if (performance.now() > deadline) {
        result.truncated = true
        return
      }
      const error = await publishOne(endpoints, tracker, rooms[(p + seq) % rooms.length], users[p], p, seq)
      if (error === undefined) result.accepted++
      else {
        result.failed++
        if (result.errors.length < KEPT_ERRORS) result.errors.push(error)
      }
    }
  }
  await Promise.all(users.map((_, p) => publisher(p)))
  result.elapsedMs = performance.now() - started
  result.perSecond = (result.accepted / result.elapsedMs) * 1000
  return result
}
