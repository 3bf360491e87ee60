import type { Locator, Page } from 'playwright-core'

/** What the tests do on a chat page (/open, /rooms/:room, /closed/:room), through the app's data-testids. */

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
}

/** The timeline row that shows `text`, whatever its delivery state. */
export function messageItem(page: Page, text: string): Locator {
  return page
    .getByTestId('message-item')
    .filter({ has: page.getByTestId('message-text').filter({ hasText: exactly(text) }) })
}

/** Opens `path` and waits until the room is live: subscriptions acknowledged and history loaded. */
export async function openChat(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await waitUntilLive(page)
}

export async function waitUntilLive(page: Page, timeout?: number): Promise<void> {
  await page.locator('[data-testid="connection-chip"][data-state="connected"]').waitFor({ timeout })
  await page.getByRole('progressbar', { name: 'Loading messages' }).waitFor({ state: 'detached', timeout })
}

/** Types `text` into the composer and presses the send button. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByTestId('message-input').fill(text)
  await page.getByTestId('send-button').click()
}

/** Waits until the row for `text` is shown as stored by the server (not pending, not failed). */
export async function waitForSent(page: Page, text: string, timeout?: number): Promise<Locator> {
  const item = messageItem(page, text).and(page.locator('[data-delivery="sent"]'))
  await item.waitFor({ timeout })
  return item
}

/** The texts in the timeline, top to bottom. */
export function messageTexts(page: Page): Promise<string[]> {
  return page.getByTestId('message-text').allTextContents()
}

/**
 * Waits until the timeline's messages that start with `prefix` are exactly `expected`, in that order
 * (no duplicates, nothing missing); the error shows what the page had instead.
 */
export async function waitForTimeline(
  page: Page,
  prefix: string,
  expected: readonly string[],
  timeout?: number,
): Promise<void> {
  try {
    await page.waitForFunction(
      ({ prefix, expected }) => {
        const texts = Array.from(document.querySelectorAll('[data-testid="message-text"]'))
          .map((node) => node.textContent ?? '')
          .filter((text) => text.startsWith(prefix))
        return JSON.stringify(texts) === JSON.stringify(expected)
      },
      { prefix, expected },
      { timeout },
    )
  } catch (error) {
    const actual = (await messageTexts(page).catch(() => [])).filter((text) => text.startsWith(prefix))
    throw new Error(
      `Timeline of ${page.url()} never showed ${JSON.stringify(expected)}; it shows ${JSON.stringify(actual)}` +
        ` (${(error as Error).message.split('\n')[0]})`,
      { cause: error },
    )
  }
}
