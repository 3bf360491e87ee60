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
import {
  signInThroughAuthenticator,
  signUpThroughAuthenticator,
  waitUntilSignedIn,
} from '../support/authenticator'
import { storedClosedMessages } from '../../../testkit/backend/backendClient'
import { createTestUser } from '../../../testkit/backend/cognitoUsers'
import { postGraphql, TEST_CONFIRMATION_CODE } from '../../../testkit/backend/testBackend'
import { updateCloseRoomChat } from '../../../src/graphql/mutations'
import { uniqueTag } from '../../../testkit/unique'

const PASSWORD = 'Passw0rd!long'

export function closedChatScenario(run: () => E2eRun): void {
  describe('3. closed chat', () => {
    const cast = useCast(run)

    it('A signs up with a display name and posts; visitor B reads live but cannot post; C, without a name, picks a free one and sees the author; A edits and deletes', async () => {
      const tag = uniqueTag()
      const room = `closed-${tag}`
      const roomUrl = `${run().appUrl}/closed/${room}`
      const aliceEmail = `alice-${tag}@example.com`
      const carolEmail = `carol-${tag}@example.com`
      // The author is the display name chosen at sign-up; nothing of the e-mail address is shown.
      const aliceName = `Alice_${tag}`
      const carolName = `Carol_${tag}`
      // C's account is from before display names: it has none.
      const carol = await createTestUser(run().backend, carolEmail, TEST_CONFIRMATION_CODE, PASSWORD, null)
      const [a, b, c] = await Promise.all([cast.enter('A'), cast.enter('B'), cast.enter('C')])

      // B, signed out, reads live and is asked to sign in instead of a composer.
      await openChat(b.page, roomUrl)
      await b.page.getByTestId('sign-in-prompt').waitFor()
      expect(await b.page.getByTestId('message-input').count()).toBe(0)

      // A signs up through the Authenticator, from the closed chat's own "Sign in" button, confirms
      // with the code and comes back to the room signed in.
      await openChat(a.page, roomUrl)
      await a.page.getByTestId('sign-in-to-post').click()
      await a.page.waitForURL(/\/signin\?redirect=/)
      await signUpThroughAuthenticator(a.page, aliceEmail, PASSWORD, TEST_CONFIRMATION_CODE, aliceName)
      await a.page.waitForURL(roomUrl)
      await waitUntilSignedIn(a.page, aliceEmail)
      await waitUntilLive(a.page)

      const original = `A's first words ${tag}`
      await sendMessage(a.page, original)
      await waitForSent(a.page, original)
      // A's own message is marked on A's page only.
      expect(await messageItem(a.page, original).getAttribute('data-mine')).toBe('true')
      const seenByB = await waitForSent(b.page, original)
      expect(await seenByB.getByTestId('message-author').textContent()).toBe(aliceName)
      expect(await seenByB.getAttribute('data-mine')).toBeNull()
      expect(await b.page.getByTestId('timeline').textContent()).not.toContain('example.com')
      expect(await b.page.getByTestId('message-input').count()).toBe(0)
      await b.page.getByTestId('sign-in-prompt').waitFor()

      // C signs in (an existing user) and sees A's message under A's name, without edit or delete.
      await openChat(c.page, roomUrl)
      await c.page.getByTestId('sign-in-link').click()
      await signInThroughAuthenticator(c.page, carolEmail, PASSWORD)
      await c.page.waitForURL(roomUrl)
      await waitUntilSignedIn(c.page, carolEmail)
      // C has no display name: asked for one before posting. A's, in another letter case, is refused.
      const prompt = c.page.getByTestId('display-name-prompt')
      await prompt.waitFor()
      expect(await c.page.getByTestId('message-input').count()).toBe(0)
      await prompt.getByLabel('Display name').fill(aliceName.toUpperCase())
      await prompt.getByTestId('display-name-save').click()
      await prompt
        .getByTestId('display-name-error')
        .filter({ hasText: `'${aliceName.toUpperCase()}' is taken` })
        .waitFor()
      await prompt.getByLabel('Display name').fill(carolName)
      await prompt.getByTestId('display-name-save').click()
      await c.page.getByTestId('message-input').waitFor()
      await waitUntilLive(c.page)
      const seenByC = await waitForSent(c.page, original)
      expect(await seenByC.getByTestId('message-author').textContent()).toBe(aliceName)
      expect(await seenByC.getByTestId('edit-message').count()).toBe(0)
      expect(await seenByC.getByTestId('delete-message').count()).toBe(0)
      // The server refuses C's edit too (the owner rule), whatever a page offers.
      const [stored] = await storedClosedMessages(run().backend, room)
      const refused = await postGraphql(
        run().backend.graphqlEndpoint,
        { query: updateCloseRoomChat, variables: { input: { id: stored.id, message: 'C was here' } } },
        { authorization: carol.idToken },
      )
      expect(refused.json.errors?.length ?? 0).toBeGreaterThan(0)
      expect((await storedClosedMessages(run().backend, room)).map((m) => m.message)).toEqual([original])

      // A edits: B and C see the new text live, marked as edited.
      const edited = `A's corrected words ${tag}`
      await messageItem(a.page, original).getByTestId('edit-message').click()
      await a.page.getByTestId('edit-message-input').locator('textarea').fill(edited)
      await a.page.getByTestId('edit-message-save').click()
      for (const page of [b.page, c.page]) {
        const item = await waitForSent(page, edited)
        await item.getByTestId('message-edited').waitFor()
        expect(await messageItem(page, original).count()).toBe(0)
      }

      // A deletes: it disappears for B and C, live.
      await messageItem(a.page, edited).getByTestId('delete-message').click()
      await a.page.getByTestId('delete-message-confirm').click()
      for (const page of [a.page, b.page, c.page]) {
        await messageItem(page, edited).waitFor({ state: 'detached' })
      }
      // B never had a way to post: nothing of B's was stored, and A's message is gone.
      expect(await storedClosedMessages(run().backend, room)).toEqual([])
    })
  })
}
