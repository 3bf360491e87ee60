import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { E2eRun } from '../support/e2eRun'
import { useCast } from '../support/people'
import { openChat, sendMessage, waitForSent } from '../../../testkit/browser/chatPage'
import { uniqueTag } from '../../../testkit/unique'

const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const

/** Messages of many heights: one line, several lines (Shift+Enter), a long paragraph that wraps. */
function messagesOfManyHeights(tag: string): string[] {
  const texts: string[] = []
  for (let n = 1; n <= 12; n++) {
    const head = `${tag} ${String(n).padStart(2, '0')}`
    if (n % 3 === 1) texts.push(`${head} short`)
    else if (n % 3 === 2)
      texts.push([`${head} first line`, ...Array.from({ length: n }, (_, i) => `line ${i + 2}`)].join('\n'))
    else texts.push(`${head} ${'a long message that wraps over many lines '.repeat(n * 2)}`.trim())
  }
  return texts
}

/** Waits until the timeline is scrolled to its very bottom and its last message is `text`, fully shown. */
async function waitAtBottomWith(page: Page, text: string): Promise<void> {
  try {
    await page.waitForFunction(
      (text) => {
        const log = document.querySelector<HTMLElement>('[data-testid="timeline"]')
        if (!log) return false
        const items = log.querySelectorAll<HTMLElement>('[data-testid="message-item"]')
        const last = items[items.length - 1]
        if (last?.querySelector('[data-testid="message-text"]')?.textContent !== text) return false
        const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 2
        return atBottom && last.getBoundingClientRect().bottom <= log.getBoundingClientRect().bottom + 1
      },
      text,
      { timeout: 10_000 },
    )
  } catch (error) {
    const state = await page.getByTestId('timeline').evaluate((log) => {
      const texts = Array.from(log.querySelectorAll('[data-testid="message-text"]')).map((node) =>
        (node.textContent ?? '').slice(0, 20),
      )
      return { distanceFromBottom: log.scrollHeight - log.scrollTop - log.clientHeight, rendered: texts }
    })
    throw new Error(`Not at the bottom with ${JSON.stringify(text.slice(0, 20))}: ${JSON.stringify(state)}`, {
      cause: error,
    })
  }
}

/** The composer's field: its height, and whether its whole text shows without scrolling it. */
function composerField(page: Page): Promise<{ height: number; fits: boolean }> {
  return page.getByTestId('message-input').evaluate((area: HTMLTextAreaElement) => ({
    height: area.offsetHeight,
    fits: area.scrollHeight <= area.clientHeight,
  }))
}

function distanceFromBottom(page: Page): Promise<number> {
  return page.getByTestId('timeline').evaluate((log) => log.scrollHeight - log.scrollTop - log.clientHeight)
}

export function autoScrollScenario(run: () => E2eRun): void {
  describe('auto-scroll', () => {
    const cast = useCast(run)

    for (const [size, options] of Object.entries(SIZES)) {
      it(`follows messages of any height, offers the new ones when scrolled up, reopens at the bottom (${size})`, async () => {
        const tag = uniqueTag()
        const url = `${run().appUrl}/rooms/scroll-${tag}`
        const [a, b] = await Promise.all([cast.enter('A', options), cast.enter('B', options)])
        await Promise.all([openChat(a.page, url), openChat(b.page, url)])
        const oneLine = (await composerField(a.page)).height

        // Sender and receiver both stay at the bottom, whatever the height of each message.
        for (const text of messagesOfManyHeights(tag)) {
          await sendMessage(a.page, text)
          await waitForSent(b.page, text)
          await Promise.all([waitAtBottomWith(a.page, text), waitAtBottomWith(b.page, text)])
        }
        // The last one was long: the composer grew while it held it, and is one line again once sent.
        await expect.poll(async () => (await composerField(a.page)).height).toBe(oneLine)

        // B scrolls up to read: new messages no longer move the view, a pill counts them.
        const timeline = b.page.getByTestId('timeline')
        const box = await timeline.boundingBox()
        if (!box) throw new Error('no timeline')
        await b.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
        await b.page.mouse.wheel(0, -600)
        await b.page.waitForFunction(() => {
          const log = document.querySelector<HTMLElement>('[data-testid="timeline"]')
          return !!log && log.scrollHeight - log.scrollTop - log.clientHeight > 200
        })
        const firstShown = () =>
          timeline.evaluate((log) => {
            const top = log.getBoundingClientRect().top
            const shown = Array.from(log.querySelectorAll<HTMLElement>('[data-message-id]')).find(
              (item) => item.getBoundingClientRect().bottom > top + 1,
            )
            return shown?.textContent?.slice(0, 40)
          })
        const reading = await firstShown()
        const unread = [`${tag} 13 unread one`, `${tag} 14 unread two\nwith a second line`]
        // (Below B's view, so B's virtual scroller does not render them: only the pill tells.)
        for (const text of unread) {
          await sendMessage(a.page, text)
          await waitForSent(a.page, text)
        }
        await waitAtBottomWith(a.page, unread[1])
        const pill = b.page.getByTestId('new-messages')
        await pill.filter({ hasText: '2 new messages' }).waitFor()
        expect(await firstShown()).toBe(reading)

        // The pill jumps to the latest; a divider marks where the unread part starts.
        await pill.click()
        await waitAtBottomWith(b.page, unread[1])
        await pill.waitFor({ state: 'detached' })
        const divider = b.page.getByTestId('unread-divider')
        const afterDivider = await divider.evaluate(
          (node) => node.nextElementSibling?.querySelector('[data-testid="message-text"]')?.textContent,
        )
        expect(afterDivider).toBe(unread[0])

        // A reload opens at the bottom, and gives back the draft, the composer tall enough to show it.
        await b.page.getByTestId('message-input').fill('a draft\nover\nfour\nlines')
        await b.page.reload()
        await waitAtBottomWith(b.page, unread[1])
        expect(await distanceFromBottom(b.page)).toBeLessThan(2)
        await expect(b.page.getByTestId('message-input').inputValue()).resolves.toBe(
          'a draft\nover\nfour\nlines',
        )
        const draftField = await composerField(b.page)
        expect(draftField.fits).toBe(true)
        expect(draftField.height).toBeGreaterThan(oneLine)
      })
    }
  })
}
