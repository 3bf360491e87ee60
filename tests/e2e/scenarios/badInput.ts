import type { Page } from 'playwright-core'
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
import { storedRoomMessages } from '../../../testkit/backend/backendClient'
import { uniqueTag } from '../../../testkit/unique'

const MAX_LENGTH = 2000

/** The composer's own explanation of why it will not send (its role="alert" line). */
function composerReason(page: Page) {
  return page
    .locator('form')
    .filter({ has: page.getByTestId('message-input') })
    .getByRole('alert')
}

export function badInputScenario(run: () => E2eRun): void {
  describe('4. bad input from the page', () => {
    const cast = useCast(run)

    it('refuses an empty message with a visible reason and stores nothing', async () => {
      const room = `bad-empty-${uniqueTag()}`
      const a = await cast.enter('A')
      await openChat(a.page, `${run().appUrl}/rooms/${room}`)
      const input = a.page.getByTestId('message-input')
      for (const blank of ['', '   \n  ']) {
        await input.fill(blank)
        await input.press('Enter')
        expect(await a.page.getByTestId('send-button').isDisabled()).toBe(true)
        // The reason is on screen, next to the composer, not only a greyed-out button.
        await composerReason(a.page).waitFor()
      }
      expect(await a.page.getByTestId('message-item').count()).toBe(0)
      expect(await storedRoomMessages(run().backend, room)).toEqual([])
    })

    it('refuses an over-long message with a visible reason, keeps the text and stores nothing', async () => {
      const room = `bad-long-${uniqueTag()}`
      const a = await cast.enter('A')
      await openChat(a.page, `${run().appUrl}/rooms/${room}`)
      const tooLong = 'x'.repeat(MAX_LENGTH + 1)
      const input = a.page.getByTestId('message-input')
      await input.fill(tooLong)
      await input.press('Enter')
      const reason = composerReason(a.page)
      await reason.waitFor()
      expect(await reason.textContent()).toContain(String(MAX_LENGTH))
      expect(await a.page.getByTestId('message-counter').textContent()).toContain(`${MAX_LENGTH + 1}`)
      expect(await a.page.getByTestId('send-button').isDisabled()).toBe(true)
      await a.page.getByTestId('send-button').click({ force: true })
      // Nothing lost: the text is still in the composer to shorten.
      expect(await input.inputValue()).toBe(tooLong)
      expect(await a.page.getByTestId('message-item').count()).toBe(0)
      expect(await storedRoomMessages(run().backend, room)).toEqual([])
    })

    it('shows markup as text and runs no script, for the sender, a live reader and after a reload', async () => {
      const tag = uniqueTag()
      const room = `bad-html-${tag}`
      const markup = `<img src=x onerror="window.__injected=(window.__injected||0)+1;alert('${tag}')"> <b>bold?</b>`
      const [a, b] = await Promise.all([cast.enter('A'), cast.enter('B')])
      const dialogs: string[] = []
      for (const person of [a, b]) person.page.on('dialog', (dialog) => void dialogs.push(dialog.message()))
      const url = `${run().appUrl}/rooms/${room}`
      await Promise.all([openChat(a.page, url), openChat(b.page, url)])

      await sendMessage(a.page, markup)
      await waitForSent(a.page, markup)
      await waitForSent(b.page, markup)
      await b.page.reload()
      await waitUntilLive(b.page)
      await waitForSent(b.page, markup)

      for (const page of [a.page, b.page]) {
        const item = messageItem(page, markup)
        expect(await item.getByTestId('message-text').textContent()).toBe(markup)
        expect(await page.locator('[data-testid="timeline"] img, [data-testid="timeline"] b').count()).toBe(0)
        // A broken <img> fires onerror as soon as it is parsed: had it been inserted, this would be set.
        expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined()
      }
      expect(dialogs).toEqual([])
      expect((await storedRoomMessages(run().backend, room)).map((m) => m.message)).toEqual([markup])
    })
  })
}
