import { describe, expect, it } from 'vitest'
import type { E2eRun } from '../support/e2eRun'
import { useCast } from '../support/people'
import { messageItem, openChat, sendMessage, waitForSent } from '../../../testkit/browser/chatPage'
import { postClosedMessage, postRoomMessage } from '../../../testkit/backend/backendClient'
import { createTestUser } from '../../../testkit/backend/cognitoUsers'
import { TEST_CONFIRMATION_CODE } from '../../../testkit/backend/testBackend'
import { uniqueTag } from '../../../testkit/unique'

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const

export function lookAndFeelScenario(run: () => E2eRun): void {
  describe('look and feel of a chat', () => {
    const cast = useCast(run)

    it('makes http(s) addresses links for the reader, and leaves every other scheme and markup as text', async () => {
      const tag = uniqueTag()
      const url = `${run().appUrl}/rooms/links-${tag}`
      const [a, b] = await Promise.all([cast.enter('A'), cast.enter('B')])
      await Promise.all([openChat(a.page, url), openChat(b.page, url)])
      const text =
        `${tag} see https://example.com/docs?x=1, not javascript:alert(1) nor ` +
        `data:text/html,<b>x</b> nor //evil.example nor https://bank.example@evil.example`
      await sendMessage(a.page, text)
      const item = await waitForSent(b.page, text)
      const links = item.getByTestId('message-text').locator('a')
      expect(await links.count()).toBe(1)
      const link = links.first()
      expect(await link.getAttribute('href')).toBe('https://example.com/docs?x=1')
      expect(await link.getAttribute('target')).toBe('_blank')
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer')
      expect(await link.textContent()).toBe('https://example.com/docs?x=1')
      expect(await item.getByTestId('message-text').locator('*').count()).toBe(1)
    })

    it("groups one author's consecutive messages and separates the day", async () => {
      const tag = uniqueTag()
      const room = `group-${tag}`
      const backend = run().backend
      const [ann, bob] = await Promise.all([
        createTestUser(backend, `ann-${tag}@example.com`, TEST_CONFIRMATION_CODE, 'Passw0rd!long'),
        createTestUser(backend, `bob-${tag}@example.com`, TEST_CONFIRMATION_CODE, 'Passw0rd!long'),
      ])
      const texts = [`${tag} ann one`, `${tag} ann two`, `${tag} bob`, `${tag} ann three`]
      await postClosedMessage(backend, ann.idToken, room, texts[0])
      await postClosedMessage(backend, ann.idToken, room, texts[1])
      await postClosedMessage(backend, bob.idToken, room, texts[2])
      await postClosedMessage(backend, ann.idToken, room, texts[3])

      const visitor = await cast.enter('visitor')
      await openChat(visitor.page, `${run().appUrl}/closed/${room}`)
      const rows = await Promise.all(texts.map((text) => waitForSent(visitor.page, text)))
      const shape = await Promise.all(
        rows.map(async (row) => ({
          author: (await row.getByTestId('message-author').count())
            ? await row.getByTestId('message-author').textContent()
            : null,
          continued: await row.getAttribute('data-continued'),
        })),
      )
      expect(shape).toEqual([
        { author: `ann-${tag}`, continued: null },
        { author: null, continued: 'true' },
        { author: `bob-${tag}`, continued: null },
        { author: `ann-${tag}`, continued: null },
      ])
      expect(await visitor.page.getByTestId('day-separator').allTextContents()).toEqual(['Today'])
      // The sign-in prompt in the composer's place takes its own height, the timeline the rest.
      const prompt = await visitor.page.getByTestId('sign-in-prompt').boundingBox()
      const timeline = await visitor.page.getByTestId('timeline').boundingBox()
      expect(prompt!.height).toBeLessThan(120)
      expect(timeline!.height).toBeGreaterThan(prompt!.height * 4)
      const time = rows[0].locator('time')
      expect(await time.textContent()).toBe('just now')
      expect(await time.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/)
      expect(await time.getAttribute('title')).toBeTruthy()
    })

    it('fills a phone screen: the timeline between the header and the composer, tabs on one row, no keyboard hints', async () => {
      const tag = uniqueTag()
      const room = `phone-${tag}`
      for (let i = 0; i < 40; i++) await postRoomMessage(run().backend, room, `${tag} filler ${i}`)
      const a = await cast.enter('A', PHONE)
      await openChat(a.page, `${run().appUrl}/rooms/${room}`)
      await waitForSent(a.page, `${tag} filler 39`)
      const layout = await a.page.evaluate(() => {
        const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect()
        return {
          pageScrolls: document.scrollingElement!.scrollHeight > window.innerHeight,
          header: box('header').bottom,
          timeline: {
            top: box('[data-testid="timeline"]').top,
            bottom: box('[data-testid="timeline"]').bottom,
          },
          composer: {
            top: box('form:has([data-testid="message-input"])').top,
            bottom: box('form:has([data-testid="message-input"])').bottom,
          },
          viewport: window.innerHeight,
        }
      })
      expect(layout.pageScrolls).toBe(false)
      expect(layout.timeline.top).toBeGreaterThan(layout.header)
      expect(layout.timeline.bottom).toBeLessThanOrEqual(layout.composer.top)
      // The composer at the bottom, the timeline taking what the rest leaves.
      expect(layout.viewport - layout.composer.bottom).toBeLessThan(40)
      expect(layout.composer.top - layout.timeline.bottom).toBeLessThan(24)
      expect(layout.timeline.bottom - layout.timeline.top).toBeGreaterThan(layout.viewport / 2)

      const input = a.page.getByTestId('message-input')
      expect(await input.getAttribute('placeholder')).toBe('Write a message')
      expect(await a.page.locator('form:has([data-testid="message-input"])').textContent()).not.toMatch(
        /Enter|Shift/,
      )
      const sent = `${tag} from a phone`
      await sendMessage(a.page, sent)
      await waitForSent(a.page, sent)
      expect(await messageItem(a.page, sent).count()).toBe(1)

      // The rooms list and the join form are one tap away, and choosing a room closes them.
      await a.page.getByTestId('rooms-dialog-button').click()
      const dialog = a.page.getByTestId('rooms-dialog')
      await dialog.getByTestId(`room-list-item-${room}`).waitFor()
      await dialog.getByTestId('join-room-input').locator('input').fill(`${room}-b`)
      await dialog.getByTestId('join-room-button').click()
      await a.page.waitForURL(`**/rooms/${room}-b`)
      await dialog.waitFor({ state: 'hidden' })

      // The room tabs keep to one row, scrolled sideways, the room shown scrolled into it; the Rooms and
      // notification buttons stay beside them (they wrapped onto rows of their own).
      await openChat(a.page, `${run().appUrl}/rooms/${room}-c`)
      await openChat(a.page, `${run().appUrl}/rooms/${room}-b`)
      const tabs = await a.page.evaluate((current) => {
        const list = document.querySelector<HTMLElement>('nav[aria-label="Rooms"]')!
        const tab = document.querySelector(`[data-testid="room-tab-${current}"]`)!.parentElement!
        const centre = (element: Element) => {
          const box = element.getBoundingClientRect()
          return (box.top + box.bottom) / 2
        }
        const buttons = ['rooms-dialog-button', 'notify-toggle'].map((id) =>
          document.querySelector(`[data-testid="${id}"]`)!,
        )
        return {
          overflows: list.scrollWidth > list.clientWidth,
          shown:
            tab.getBoundingClientRect().left >= list.getBoundingClientRect().left - 1 &&
            tab.getBoundingClientRect().right <= list.getBoundingClientRect().right + 1,
          offRow: buttons.map((button) => Math.abs(centre(button) - centre(tab))),
        }
      }, `${room}-b`)
      expect(tabs.overflows).toBe(true)
      expect(tabs.shown).toBe(true)
      for (const offset of tabs.offRow) expect(offset).toBeLessThan(8)
    })

    it("keeps the closed chat's join form behind a button on a phone, the tabs and button on one row", async () => {
      const tag = uniqueTag()
      const a = await cast.enter('A', PHONE)
      await openChat(a.page, `${run().appUrl}/closed/room1`)
      // No join form on the page itself (it took a row of its own above the chat).
      expect(await a.page.getByTestId('join-room-input').count()).toBe(0)
      const button = a.page.getByTestId('rooms-dialog-button')
      const [tab, dialogButton] = await Promise.all([
        a.page.getByTestId('room-tab-room1').boundingBox(),
        button.boundingBox(),
      ])
      if (!tab || !dialogButton) throw new Error('no tab or no Rooms button')
      expect(Math.abs(tab.y + tab.height / 2 - (dialogButton.y + dialogButton.height / 2))).toBeLessThan(8)

      await button.click()
      const dialog = a.page.getByTestId('rooms-dialog')
      await dialog.getByTestId('join-room-input').locator('input').fill(`closed-${tag}`)
      await dialog.getByTestId('join-room-button').click()
      await a.page.waitForURL(`**/closed/closed-${tag}`)
      await dialog.waitFor({ state: 'hidden' })
      await a.page.getByTestId(`room-tab-closed-${tag}`).waitFor()
    })

    it('lets the keyboard scroll the message list, and folds the explanation away', async () => {
      const tag = uniqueTag()
      const room = `keys-${tag}`
      for (let i = 0; i < 40; i++) await postRoomMessage(run().backend, room, `${tag} filler ${i}`)
      const a = await cast.enter('A', { viewport: { width: 1280, height: 800 } })
      await openChat(a.page, `${run().appUrl}/rooms/${room}`)
      await waitForSent(a.page, `${tag} filler 39`)
      const timeline = a.page.getByRole('log', { name: 'Messages' })
      const scrollTop = () => timeline.evaluate((log) => log.scrollTop)
      const atBottom = await scrollTop()
      await timeline.focus()
      expect(await timeline.evaluate((log) => log === document.activeElement)).toBe(true)
      await a.page.keyboard.press('PageUp')
      await a.page.waitForFunction(
        (before) => document.querySelector('[data-testid="timeline"]')!.scrollTop < before - 100,
        atBottom,
      )

      const toggle = a.page.getByTestId('how-this-works-toggle')
      const explanation = a.page.getByTestId('how-this-works')
      expect(await explanation.isVisible()).toBe(false)
      await toggle.click()
      await explanation.waitFor({ state: 'visible' })
      expect(await explanation.textContent()).toContain('onCreateRoomChatByRoomName')
      expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    })
  })
}
