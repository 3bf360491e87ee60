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

/** Resolves once the chip has gone from Connecting back to Disrupted: a reconnection attempt failed. */
async function waitForFailedAttempt(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const chip = document.querySelector('[data-testid="connection-chip"]')
        if (!chip) throw new Error('no connection chip')
        let tried = false
        const observer = new MutationObserver(() => {
          const state = chip.getAttribute('data-state')
          if (state === 'connecting') tried = true
          else if (state === 'disrupted' && tried) {
            observer.disconnect()
            resolve()
          }
        })
        observer.observe(chip, { attributes: true, attributeFilter: ['data-state'] })
      }),
  )
}

/**
 * How long the pages may take to be live again once the backend is back: generous, and still below the
 * minute aws-amplify alone waits between attempts after its first.
 */
const RECONNECT_BOUNDARY_MS = 30_000

export function outageScenario(run: () => E2eRun): void {
  describe('5. backend outage', () => {
    const cast = useCast(run)
    // The scenarios after this one need the backend, whatever happened here.
    afterEach(async () => {
      if (!run().backendRunning) await run().startBackend()
    })

    it('shows a failed send, reconnects on its own, sends it again and shows what was posted meanwhile once, in order', async () => {
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

      // While down, the chip offers to reconnect at once.
      await a.page.getByTestId('reconnect-now').waitFor()
      // Let a reconnection attempt fail on both pages (the chip goes Connecting, then Disrupted again)
      // before the backend comes back: aws-amplify alone would then wait a minute for the next one.
      await Promise.all([waitForFailedAttempt(a.page), waitForFailedAttempt(b.page)])

      // Back on the same ports with the same data; a third client (plain HTTP, API key) posts at once.
      await run().startBackend()
      const meanwhile = [1, 2, 3].map((n) => `${tag} 2.${n} posted by a third client after the restart`)
      for (const text of meanwhile) await postRoomMessage(run().backend, room, text)

      // Both pages reconnect by themselves (no reload) and catch up. The schedule that makes this quick is
      // tested on its own, with fake timers (tests/unit/reconnectSchedule.test.ts).
      await Promise.all([
        waitUntilLive(a.page, RECONNECT_BOUNDARY_MS),
        waitUntilLive(b.page, RECONNECT_BOUNDARY_MS),
      ])
      const expected = [before, ...meanwhile]
      // A's failed message goes out by itself once the connection is back: no Retry needed.
      await waitForSent(a.page, lost)
      // Its place among the third client's posts depends on when A reconnected: the server's order.
      const stored = (await storedRoomMessages(run().backend, room)).map((m) => m.message)
      expect([...stored].sort()).toEqual([...expected, lost].sort())
      await Promise.all([
        waitForTimeline(a.page, `${tag} `, stored),
        waitForTimeline(b.page, `${tag} `, stored),
      ])

      // A last message from the third client shows that nothing arrives twice once the pages are live.
      const after = `${tag} 3 posted by a third client after the reconnection`
      await postRoomMessage(run().backend, room, after)
      const final = [...stored, after]
      await Promise.all([
        waitForTimeline(a.page, `${tag} `, final),
        waitForTimeline(b.page, `${tag} `, final),
      ])
      expect((await storedRoomMessages(run().backend, room)).map((m) => m.message)).toEqual(final)
      expect([await isSameDocument(a.page), await isSameDocument(b.page)]).toEqual([true, true])
    })
  })
}
