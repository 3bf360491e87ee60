import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LocalBackend } from '../../local-backend/src/startLocalBackend'
import { startTestBackend, TEST_CONFIRMATION_CODE } from '../../testkit/backend/testBackend'
import { processMemoryProbe } from '../../testkit/load/processMemory'
import { runLoad, type LoadOptions, type LoadResult } from '../../testkit/load/runLoad'

/**
 * The smaller version of `npm run bench:load`: many readers of the open chat, room chats and closed rooms
 * (API-key readers and signed-in owners), each on its own WebSocket over the raw AppSync real-time protocol,
 * and publishers sending concurrently. Each reader keeps its timeline with the app's own merge
 * (src/domain/timeline.ts; history page + live deliveries), which must end equal to the server's history.
 * The same load runs against the stock simulator (`fixes: false`), where the wrong-room deliveries must
 * show: the count that must be 0 with the fixes can see them.
 */
const shape = {
  rooms: 10,
  subscribersPerRoom: 4,
  publishers: 5,
  seedPerRoom: 3,
  confirmationCode: TEST_CONFIRMATION_CODE,
  // No cap on publishing time, and ceilings far above an idle machine's figures: the test checks that
  // nothing is lost, duplicated or reordered, however slowly a busy machine gets there. Each wait ends on
  // its event (every delivery in, every fence in), not at its ceiling.
  deliveryTimeoutMs: 120_000,
  connectTimeoutMs: 120_000,
} satisfies Partial<LoadOptions>

/** The whole run's ceiling: on an idle machine it takes seconds. */
const RUN_CEILING_MS = 600_000

const MB = 2 ** 20

function summary(name: string, result: LoadResult): string {
  const d = result.deliveries
  return (
    `${name}: ${result.subscribers} subscribers (${result.signedInSubscribers} signed in), ${result.publish.accepted} messages, ` +
    `${result.publish.perSecond.toFixed(0)}/s, p50 ${result.latencyP50.toFixed(1)} ms, p99 ${result.latencyP99.toFixed(1)} ms; ` +
    `lost ${d.lost}, duplicated ${d.duplicates}, wrong room ${d.wrongRoom}, order violations ${d.orderViolations}; ` +
    `timelines != server ${result.timelines.mismatched}/${result.timelines.checked}; ` +
    `test process peak RSS ${Math.round((result.usage?.rssBytes ?? 0) / MB)} MB`
  )
}

describe.each([
  { name: 'local backend', fixes: true, messages: 600 },
  { name: 'stock simulator', fixes: false, messages: 200 },
])('load on the $name', ({ name, fixes, messages }) => {
  let backend: LocalBackend
  beforeAll(async () => {
    backend = await startTestBackend({ fixes })
  })
  afterAll(() => backend?.stop())

  it(
    `delivers ${messages} messages from ${shape.publishers} concurrent publishers to every reader of their room`,
    { timeout: RUN_CEILING_MS },
    async () => {
      const memory = processMemoryProbe()
      let result: LoadResult
      try {
        result = await runLoad(backend, {
          ...shape,
          runId: fixes ? 'fixed' : 'stock',
          messages,
          usage: memory,
        })
      } finally {
        memory.stop()
      }
      console.log(summary(name, result))
      const d = result.deliveries
      expect(result.subscribers).toBe(shape.rooms * shape.subscribersPerRoom)
      expect(result.roomsByKind).toEqual({ open: 1, room: 5, closed: 4 })
      expect(result.signedInSubscribers).toBeGreaterThan(0)
      expect(result.publish).toMatchObject({ accepted: messages, failed: 0, errors: [], truncated: false })
      expect(result.deliveriesComplete).toBe(true)
      expect({
        lost: d.lost,
        duplicates: d.duplicates,
        orderViolations: d.orderViolations,
        unknown: d.unknown,
      }).toEqual({ lost: 0, duplicates: 0, orderViolations: 0, unknown: 0 })
      expect(d.delivered).toBe(d.expected)
      // The app drops other rooms' items itself, so even the stock simulator's readers end right.
      expect(result.timelines.examples).toEqual([])
      if (fixes) expect(d.wrongRoom).toBe(0)
      // The stock simulator ignores subscription arguments: every room and closed-room message reaches the
      // readers of every other room of its kind.
      else expect(d.wrongRoom).toBeGreaterThan(0)
    },
  )
})
