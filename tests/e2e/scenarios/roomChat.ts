import { describe, expect, it } from 'vitest'
import type { E2eRun } from '../support/e2eRun'
import { useCast } from '../support/people'
import {
  messageItem,
  openChat,
  sendMessage,
  waitForSent,
  waitUntilLive,
} from '../../../testkit/browser/chatPage'
import { postRoomMessage } from '../../../testkit/backend/backendClient'
import { uniqueTag } from '../../../testkit/unique'

export function roomChatScenario(run: () => E2eRun): void {
  describe('2. room chat', () => {
    const cast = useCast(run)

    it('keeps rooms apart, shows a room joined later with its history and live messages', async () => {
      const tag = uniqueTag()
      const [a, b] = await Promise.all([cast.enter('A'), cast.enter('B')])
      const { appUrl } = run()
      await Promise.all([
        openChat(a.page, `${appUrl}/rooms/room1`),
        openChat(b.page, `${appUrl}/rooms/room2`),
      ])

      const fromA = `A in room1 ${tag}`
      const fromB = `B in room2 ${tag}`
      await sendMessage(a.page, fromA)
      await sendMessage(b.page, fromB)
      await Promise.all([waitForSent(a.page, fromA), waitForSent(b.page, fromB)])

      // A message from another client to each room, posted after A's and B's: events reach a page in
      // order, so had the other room's message leaked to a page it would be there by the time this
      // one is.
      const laterRoom1 = `third client in room1 ${tag}`
      const laterRoom2 = `third client in room2 ${tag}`
      await postRoomMessage(run().backend, 'room1', laterRoom1)
      await postRoomMessage(run().backend, 'room2', laterRoom2)
      await Promise.all([waitForSent(a.page, laterRoom1), waitForSent(b.page, laterRoom2)])
      expect(await messageItem(a.page, fromB).count()).toBe(0)
      expect(await messageItem(a.page, laterRoom2).count()).toBe(0)
      expect(await messageItem(b.page, fromA).count()).toBe(0)
      expect(await messageItem(b.page, laterRoom1).count()).toBe(0)

      // B switches to room1 with the tab: room1's history, none of room2's, and A's next message live.
      await b.page.getByTestId('room-tab-room1').click()
      await b.page.waitForURL(/\/rooms\/room1$/)
      await waitUntilLive(b.page)
      await waitForSent(b.page, fromA)
      await waitForSent(b.page, laterRoom1)
      expect(await messageItem(b.page, fromB).count()).toBe(0)
      const next = `A again in room1 ${tag}`
      await sendMessage(a.page, next)
      await waitForSent(b.page, next)
      expect(await messageItem(b.page, laterRoom2).count()).toBe(0)
    })

    it('opens a room from its URL: its tab, its messages, live', async () => {
      const room = `lobby-${uniqueTag()}`
      const earlier = `posted before anyone opened ${room}`
      await postRoomMessage(run().backend, room, earlier)

      const c = await cast.enter('C')
      await openChat(c.page, `${run().appUrl}/rooms/${room}`)
      const tab = c.page.getByTestId(`room-tab-${room}`)
      await tab.waitFor()
      expect(await tab.getAttribute('aria-current')).toBe('page')
      await waitForSent(c.page, earlier)

      const live = `posted while ${room} is open`
      await postRoomMessage(run().backend, room, live)
      await waitForSent(c.page, live)
      const own = `C writes in ${room}`
      await sendMessage(c.page, own)
      await waitForSent(c.page, own)
    })
  })
}
