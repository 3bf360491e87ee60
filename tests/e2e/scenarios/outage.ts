import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import type { E2eRun } from '../support/e2eRun'
import { useCast } from '../support/people'
import {
  messageItem,
  openChat,
  sendMessage,
  waitForSent,
  waitForTimeline,
  waitUntilLive,
} from '../../../testkit/browser/chatPage'
import { postRoomMessage, storedRoomMessages } from '../../../testkit/backend/backendClient'
import { uniqueTag } from '../../../testkit/unique'

/** Marks the document, so the test can tell later that the page was never reloaded. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as { __sameDocument?: boolean }).__sameDocument = true))
}
async function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument === true)
}

function linkState(page: Page): Promise<string | null> {
  return page.getByTestId('connection-chip').getAttribute('data-state')
}

export function outageScenario(run: () => E2eRun): void {
  describe('5. backend outage', () => {
    const cast = useCast(run)
    // The scenarios after this one need the backend, whatever happened here.
    afterEach(async () => {
      if (!run().backendRunning) await run().startBackend()
    })

    it('shows a failed send, reconnects on its own and shows what was posted meanwhile once, in order', async () => {
      const tag = uniqueTag()
      const room = `outage-${tag}`
      const url = `${run().appUrl}/rooms/${room}`
      const [a, b] = await Promise.all([cast.enter('A'), cast.enter('B')])
      await Promise.all([openChat(a.page, url), openChat(b.page, url)])
      await Promise.all([markDocument(a.page), markDocument(b.page)])

      const before = `${tag} 1 before the outage`
      await sendMessage(a.page, before)
      await waitForSent(b.page, before)

      await run().stopBackend()
      // Both pages notice: the live-updates chip leaves "connected".
      for (const page of [a.page, b.page]) {
        await page.locator('[data-testid="connection-chip"]:not([data-state="connected"])').waitFor()
      }
      const lost = `${tag} A's message while the backend is down`
      await sendMessage(a.page, lost)
      const failed = messageItem(a.page, lost).and(a.page.locator('[data-delivery="failed"]'))
      await failed.getByTestId('message-error').waitFor()

      // Back on the same ports with the same data; a third client (plain HTTP, API key) posts at once,
      // before the pages have had time to reconnect.
      await run().startBackend()
      const meanwhile = [1, 2, 3].map((n) => `${tag} 2.${n} posted by a third client after the restart`)
      for (const text of meanwhile) await postRoomMessage(run().backend, room, text)
      // Amplify retries the socket after a back-off (about 3 s here), so the posts above happened while
      // both pages were still disconnected: they can only get them by catching up, not live.
      expect([await linkState(a.page), await linkState(b.page)]).not.toContain('connected')

      // Both pages reconnect by themselves (no reload) and catch up.
      await Promise.all([waitUntilLive(a.page, 60_000), waitUntilLive(b.page, 60_000)])
      const expected = [before, ...meanwhile]
      await Promise.all([
        waitForTimeline(a.page, `${tag} `, [...expected, lost]),
        waitForTimeline(b.page, `${tag} `, expected),
      ])

      // A retries the failed message; a last message from the third client shows that nothing arrives
      // twice once the pages are live again.
      await failed.getByTestId('retry-send').click()
      await waitForSent(a.page, lost)
      const after = `${tag} 3 posted by a third client after the reconnection`
      await postRoomMessage(run().backend, room, after)
      const final = [...expected, lost, after]
      await Promise.all([
        waitForTimeline(a.page, `${tag} `, final),
        waitForTimeline(b.page, `${tag} `, final),
      ])
      expect((await storedRoomMessages(run().backend, room)).map((m) => m.message)).toEqual(final)
      expect([await isSameDocument(a.page), await isSameDocument(b.page)]).toEqual([true, true])
    })
  })
}
