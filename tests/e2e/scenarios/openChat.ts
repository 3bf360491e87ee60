import { describe, expect, it } from 'vitest'
import type { E2eRun } from '../support/e2eRun'
import { useCast } from '../support/people'
import { openChat, sendMessage, waitForSent, waitUntilLive } from '../../../testkit/browser/chatPage'
import { uniqueTag } from '../../../testkit/unique'

export function openChatScenario(run: () => E2eRun): void {
  describe('1. open chat', () => {
    const cast = useCast(run)

    it('A sends, B sees it live; after a reload B still sees it (history)', async () => {
      const [a, b] = await Promise.all([cast.enter('A'), cast.enter('B')])
      const url = `${run().appUrl}/open`
      await Promise.all([openChat(a.page, url), openChat(b.page, url)])

      const text = `hello from A ${uniqueTag()}`
      await sendMessage(a.page, text)
      // B opened the page before the message existed and has not reloaded: only the subscription can
      // bring it.
      await waitForSent(b.page, text)
      await waitForSent(a.page, text)

      await b.page.reload()
      await waitUntilLive(b.page)
      const item = await waitForSent(b.page, text)
      expect(await item.count()).toBe(1)
    })
  })
}
