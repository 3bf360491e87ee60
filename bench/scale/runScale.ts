import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { runLoad, type LoadResult } from '../../testkit/load/runLoad'
import { ms, verdict } from '../lib/stats'
import { LOAD_CONFIRMATION_CODE, startLoadBackend, type SettledMemory } from '../load/loadBackend'
import { timeHistoryPages, HISTORY_PAGE_SIZE, type HistoryPageTimes } from './historyPages'
import { seedRoomHistory } from './seedHistory'

export interface ScaleOptions {
  /** Subscriber counts, ten per room. */
  subscribers: number[]
  /** Messages published at each subscriber count. */
  messages: number
  publishers: number
  /** Room sizes for the history pages. */
  history: number[]
  pageRepetitions: number
}

const PER_ROOM = 10
const DELIVERY_GROWTH_TARGET = 1.5
const PAGE_GROWTH_TARGET = 1.5
/** The room every history figure is compared with: small enough to fit in two pages. */
const BASELINE_ROOM_MESSAGES = 2 * HISTORY_PAGE_SIZE

interface SubscriberPoint {
  subscribers: number
  rooms: number
  result: LoadResult
  cpuPerDeliveryMs: number
  before: SettledMemory
  connected: SettledMemory
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/**
 * `npm run bench:load -- --scale`: how the local backend's cost grows with subscribers and with history.
 * Subscribers: a fresh backend per size, ten subscribers per room, the same messages published; CPU per
 * delivered message and memory per subscriber (settled, after a full garbage collection, connected minus
 * before). History: rooms seeded with growing numbers of messages, and the app's history page timed in each,
 * next to a room of two pages. Returns whether nothing was lost and both growth targets were met.
 */
export async function runScaleBench(projectRoot: string, options: ScaleOptions): Promise<boolean> {
  console.log(
    `bench:load --scale: subscribers ${options.subscribers.join(', ')} (${PER_ROOM} per room), ${options.messages} messages each; history ${options.history.join(', ')} messages`,
  )
  const points: SubscriberPoint[] = []
  for (const subscribers of options.subscribers)
    points.push(await subscriberPoint(projectRoot, subscribers, options))
  const pages = await historyPoints(projectRoot, options)

  console.log('\nSubscribers (backend in its own process; CPU from the first to the last delivery)')
  const base = points[0]
  console.log(
    `  ${'subscribers'.padStart(11)} ${'rooms'.padStart(5)} ${'due'.padStart(8)} ${'received'.padStart(8)} ${'lost'.padStart(5)} ${'CPU/delivery'.padStart(13)} ${'vs first'.padStart(9)} ${'heap/sub'.padStart(9)} ${'memory/sub'.padStart(11)} ${'p50'.padStart(7)}`,
  )
  for (const point of points) {
    const d = point.result.deliveries
    const heap = (point.connected.heapUsedBytes - point.before.heapUsedBytes) / point.subscribers
    const all =
      (point.connected.heapUsedBytes +
        point.connected.externalBytes -
        point.before.heapUsedBytes -
        point.before.externalBytes) /
      point.subscribers
    console.log(
      `  ${String(point.subscribers).padStart(11)} ${String(point.rooms).padStart(5)} ${String(d.expected).padStart(8)} ${String(d.delivered).padStart(8)} ${String(d.lost).padStart(5)} ${`${point.cpuPerDeliveryMs.toFixed(3)} ms`.padStart(13)} ${`${(point.cpuPerDeliveryMs / base.cpuPerDeliveryMs).toFixed(2)}x`.padStart(9)} ${kb(heap).padStart(9)} ${kb(all).padStart(11)} ${ms(point.result.latencyP50).padStart(7)}`,
    )
  }
  if (!points.every((point) => point.before.collected))
    console.log('  (memory without a forced collection: the backend did not run with --expose-gc)')
  const growth = points.at(-1)!.cpuPerDeliveryMs / base.cpuPerDeliveryMs
  const growthOk = growth <= DELIVERY_GROWTH_TARGET
  console.log(
    `  CPU per delivery, ${points.at(-1)!.subscribers} vs ${base.subscribers} subscribers: ${growth.toFixed(2)}x (target <= ${DELIVERY_GROWTH_TARGET}x: ${verdict(growthOk)})`,
  )

  console.log(
    `\nHistory pages (${HISTORY_PAGE_SIZE} messages, newest first; median of ${options.pageRepetitions})`,
  )
  const baseline = pages[0]
  console.log(
    `  ${'messages'.padStart(9)} ${'first page'.padStart(11)} ${'vs base'.padStart(8)} ${'next page'.padStart(10)} ${'vs base'.padStart(8)} ${'correct'.padStart(8)}`,
  )
  for (const page of pages) {
    console.log(
      `  ${String(page.messages).padStart(9)} ${ms(page.firstPageMs).padStart(11)} ${`${(page.firstPageMs / baseline.firstPageMs).toFixed(2)}x`.padStart(8)} ${ms(page.secondPageMs).padStart(10)} ${`${(page.secondPageMs / baseline.secondPageMs).toFixed(2)}x`.padStart(8)} ${String(page.pagesCorrect).padStart(8)}`,
    )
  }
  const largest = pages.at(-1)!
  const pageGrowth = Math.max(
    largest.firstPageMs / baseline.firstPageMs,
    largest.secondPageMs / baseline.secondPageMs,
  )
  const pagesOk = pageGrowth <= PAGE_GROWTH_TARGET && pages.every((page) => page.pagesCorrect)
  console.log(
    `  a page in the ${largest.messages}-message room vs the ${baseline.messages}-message room: ${pageGrowth.toFixed(2)}x (target <= ${PAGE_GROWTH_TARGET}x, "does not slow with size": ${verdict(pagesOk)})`,
  )
  const nothingLost = points.every(
    (point) =>
      point.result.deliveries.lost === 0 &&
      point.result.deliveries.duplicates === 0 &&
      point.result.deliveries.wrongRoom === 0 &&
      point.result.publish.failed === 0 &&
      !point.result.publish.truncated,
  )
  console.log(`  nothing lost, duplicated or misrouted at any size: ${verdict(nothingLost)}`)
  return nothingLost && growthOk && pagesOk
}

async function subscriberPoint(
  projectRoot: string,
  subscribers: number,
  options: ScaleOptions,
): Promise<SubscriberPoint> {
  const rooms = Math.max(1, Math.round(subscribers / PER_ROOM))
  console.log(`\n  ${subscribers} subscribers in ${rooms} rooms`)
  const backend = await startLoadBackend(projectRoot, { stock: false, exposeGc: true })
  try {
    const before = await backend.settledMemory()
    let connected = before
    const result = await runLoad(backend, {
      runId: `scale${subscribers}`,
      rooms,
      subscribersPerRoom: PER_ROOM,
      publishers: options.publishers,
      messages: options.messages,
      seedPerRoom: 5,
      confirmationCode: LOAD_CONFIRMATION_CODE,
      publishTimeLimitMs: 20 * 60_000,
      deliveryTimeoutMs: 60_000,
      connectTimeoutMs: 10 * 60_000,
      usage: backend.usage,
      onConnected: async () => {
        connected = await backend.settledMemory()
      },
      log: (line) => console.log(`    ${line}`),
    })
    const cpuMs = result.usage?.cpuMs ?? Number.NaN
    const cpuPerDeliveryMs = cpuMs / Math.max(1, result.deliveries.delivered)
    const d = result.deliveries
    console.log(
      `    delivered ${d.delivered} of ${d.expected} (lost ${d.lost}, duplicated ${d.duplicates}, wrong room ${d.wrongRoom}); CPU ${cpuPerDeliveryMs.toFixed(3)} ms per delivery`,
    )
    return { subscribers, rooms, result, cpuPerDeliveryMs, before, connected }
  } finally {
    await backend.stop()
  }
}

async function historyPoints(projectRoot: string, options: ScaleOptions): Promise<HistoryPageTimes[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-scale-history-'))
  const rooms = [BASELINE_ROOM_MESSAGES, ...options.history].map((messages) => ({
    roomName: `history-${messages}`,
    messages,
  }))
  try {
    console.log(`\n  seeding ${rooms.map((room) => room.messages).join(' + ')} messages`)
    await seedRoomHistory(dataDir, rooms, (line) => console.log(`    ${line}`))
    const backend = await startLoadBackend(projectRoot, { stock: false, dataDir })
    try {
      const pages: HistoryPageTimes[] = []
      // Warm the resolvers and the connection once, so the first room does not pay for them.
      await timeHistoryPages(backend, rooms[0], 2)
      for (const room of rooms) pages.push(await timeHistoryPages(backend, room, options.pageRepetitions))
      return pages
    } finally {
      await backend.stop()
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}
