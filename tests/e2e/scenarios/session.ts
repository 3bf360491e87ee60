import { describe, expect, it } from 'vitest'
import type { E2eRun } from '../support/e2eRun'
import { useCast } from '../support/people'
import { openChat, sendMessage, waitForSent, waitUntilLive } from '../../../testkit/browser/chatPage'
import { signInThroughAuthenticator, waitUntilSignedIn } from '../support/authenticator'
import { createTestUser } from '../../../testkit/backend/cognitoUsers'
import { TEST_CONFIRMATION_CODE } from '../../../testkit/backend/testBackend'
import { uniqueTag } from '../../../testkit/unique'

const PASSWORD = 'Passw0rd!long'

export function sessionScenario(run: () => E2eRun): void {
  describe('6. session', () => {
    const cast = useCast(run)

    it('keeps a signed-in session across a reload; sign-out returns to the signed-out view', async () => {
      const tag = uniqueTag()
      const email = `dana-${tag}@example.com`
      await createTestUser(run().backend, email, TEST_CONFIRMATION_CODE, PASSWORD)
      const roomUrl = `${run().appUrl}/closed/session-${tag}`
      const d = await cast.enter('D')
      await openChat(d.page, roomUrl)
      await d.page.getByTestId('sign-in-link').click()
      await signInThroughAuthenticator(d.page, email, PASSWORD)
      await d.page.waitForURL(roomUrl)
      await waitUntilSignedIn(d.page, email)

      await d.page.reload()
      await waitUntilSignedIn(d.page, email)
      await waitUntilLive(d.page)
      expect(await d.page.getByTestId('sign-in-link').count()).toBe(0)
      expect(await d.page.getByTestId('sign-in-prompt').count()).toBe(0)
      // The restored session is a working one: posting needs the user's token.
      const text = `D after a reload ${tag}`
      await sendMessage(d.page, text)
      await waitForSent(d.page, text)

      await d.page.getByTestId('sign-out').click()
      await d.page.getByTestId('sign-in-link').waitFor()
      await d.page.getByTestId('sign-in-prompt').waitFor()
      await waitUntilLive(d.page)
      expect(await d.page.getByTestId('signed-in-user').count()).toBe(0)
      expect(await d.page.getByTestId('message-input').count()).toBe(0)
      // Still reading as a visitor, and still signed out after a reload.
      await waitForSent(d.page, text)
      await d.page.reload()
      await waitUntilLive(d.page)
      await d.page.getByTestId('sign-in-prompt').waitFor()
      expect(await d.page.getByTestId('signed-in-user').count()).toBe(0)
    })
  })
}
