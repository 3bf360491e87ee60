import { describe, expect, it } from 'vitest'
import type { E2eRun } from '../support/e2eRun'
import { useCast } from '../support/people'
import { openChat, sendMessage, waitForSent, waitUntilLive } from '../../../testkit/browser/chatPage'
import { uniqueTag } from '../../../testkit/unique'

export function roomPresenceScenario(run: () => E2eRun): void {
  describe('2b. rooms list, unread counts, presence and typing', () => {
    const cast = useCast(run)

    it('B sees A in the room and typing, the new room in the list, and unread counts for another room', async () => {
      const tag = uniqueTag()
      const room = `meet-${tag}`
      const side = `side-${tag}`
      const [a, b] = await Promise.all([cast.enter('A'), cast.enter('B')])
      // Each person's nickname, as the app keeps it (localStorage), before the page loads.
      await a.context.addInitScript(() => localStorage.setItem('chat-nickname', 'Ann'))
      await b.context.addInitScript(() => localStorage.setItem('chat-nickname', 'Bob'))
      const { appUrl } = run()
      // B joins the side room first, so it is one of B's tabs.
      await openChat(b.page, `${appUrl}/rooms/${side}`)
      await waitUntilLive(b.page)
      await Promise.all([
        openChat(a.page, `${appUrl}/rooms/${room}`),
        openChat(b.page, `${appUrl}/rooms/${room}`),
      ])
      await Promise.all([waitUntilLive(a.page), waitUntilLive(b.page)])

      // Presence: each sees the other by nickname (announced on subscribe, answered at once).
      await b.page
        .getByTestId('presence-name')
        .filter({ hasText: /^~Ann$/ })
        .waitFor()
      await a.page
        .getByTestId('presence-name')
        .filter({ hasText: /^~Bob$/ })
        .waitFor()

      // Typing: A types, B reads "~Ann is typing…".
      await a.page.getByTestId('message-input').pressSequentially('hello', { delay: 20 })
      await b.page.getByTestId('typing').filter({ hasText: '~Ann is typing' }).waitFor()

      // A posts: the room appears in B's list of active rooms, with the message's start.
      const text = `hello from Ann ${tag}`
      await a.page.getByTestId('message-input').fill('')
      await sendMessage(a.page, text)
      await waitForSent(b.page, text)
      await b.page.getByTestId(`room-list-item-${room}`).filter({ hasText: text }).waitFor()

      // Authors: B reads A's chosen nickname, marked as unverified; only A's own page marks it as A's.
      const onB = b.page.getByTestId('message-item').filter({ hasText: text })
      expect(await onB.getByTestId('message-author').textContent()).toBe('~Ann')
      expect(await onB.getAttribute('data-mine')).toBeNull()
      const onA = a.page.getByTestId('message-item').filter({ hasText: text })
      await onA.and(a.page.locator('[data-mine="true"][data-delivery="sent"]')).waitFor()

      // A picks another nickname: refused while invalid, then the next message carries it.
      await a.page.getByTestId('nickname-edit').click()
      await a.page.getByTestId('nickname-input').fill('<Annie>')
      await a.page.getByTestId('nickname-save').click()
      await a.page.getByTestId('nickname-problem').waitFor()
      await a.page.getByTestId('nickname-input').fill('Annie')
      await a.page.getByTestId('nickname-input').press('Enter')
      await a.page.getByTestId('nickname-value').filter({ hasText: '~Annie' }).waitFor()
      const renamed = `as Annie ${tag}`
      await sendMessage(a.page, renamed)
      await waitForSent(b.page, renamed)
      const renamedOnB = b.page.getByTestId('message-item').filter({ hasText: renamed })
      expect(await renamedOnB.getByTestId('message-author').textContent()).toBe('~Annie')
      await b.page
        .getByTestId('presence-name')
        .filter({ hasText: /^~Annie$/ })
        .waitFor()

      // A message in B's other room counts as unread on its tab and in the title.
      await a.page.goto(`${appUrl}/rooms/${side}`)
      await waitUntilLive(a.page)
      await sendMessage(a.page, `in the side room ${tag}`)
      await b.page.getByTestId(`unread-${side}`).filter({ hasText: '1' }).waitFor()
      await b.page.waitForFunction(() => document.title.startsWith('(1) '))

      // Opening that room reads it: the count and the title's number go.
      await b.page.getByTestId(`room-tab-${side}`).click()
      await b.page.waitForFunction(() => !document.title.startsWith('('))
      expect(await b.page.getByTestId(`unread-${side}`).count()).toBe(0)
    })
  })
}
