import { roomChatsByRoomName } from '../../src/graphql/queries'
import { graphqlRequest, type LoadEndpoints } from '../../testkit/load/loadGraphql'
import { median } from '../lib/stats'

/** The page size the app's rooms ask for (useChatRoom's default). */
export const HISTORY_PAGE_SIZE = 50

export interface HistoryPageTimes {
  roomName: string
  messages: number
  /** Median time of the newest page, as a room opens. */
  firstPageMs: number
  /** Median time of the page after it (following nextToken), as the reader scrolls up. */
  secondPageMs: number
  /** Every page returned HISTORY_PAGE_SIZE items, newest first, with no gap between the two pages. */
  pagesCorrect: boolean
}

interface Page {
  items: { id: string; createdAt: string }[]
  nextToken: string | null
}

/** Times reading a room's history the way the app does: newest first, one page, then the next. */
export async function timeHistoryPages(
  endpoints: LoadEndpoints,
  room: { roomName: string; messages: number },
  repetitions: number,
): Promise<HistoryPageTimes> {
  const headers = { 'x-api-key': endpoints.apiKey }
  const page = async (nextToken: string | null) => {
    const started = performance.now()
    const data = await graphqlRequest(
      endpoints.graphqlEndpoint,
      roomChatsByRoomName,
      { roomName: room.roomName, sortDirection: 'DESC', limit: HISTORY_PAGE_SIZE, nextToken },
      headers,
    )
    return { ms: performance.now() - started, page: data.roomChatsByRoomName as Page }
  }
  const first: number[] = []
  const second: number[] = []
  let pagesCorrect = true
  for (let i = 0; i < repetitions; i++) {
    const a = await page(null)
    const b = await page(a.page.nextToken)
    first.push(a.ms)
    second.push(b.ms)
    const ids = [...a.page.items, ...b.page.items].map((item) => Number(item.id.split('-').at(-1)))
    const expected = Array.from({ length: ids.length }, (_, k) => room.messages - 1 - k)
    const full = Math.min(room.messages, 2 * HISTORY_PAGE_SIZE)
    if (ids.length !== full || ids.some((id, k) => id !== expected[k])) pagesCorrect = false
  }
  return {
    roomName: room.roomName,
    messages: room.messages,
    firstPageMs: median(first),
    secondPageMs: median(second),
    pagesCorrect,
  }
}
