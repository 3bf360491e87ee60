import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { E2eRun } from '../support/e2eRun'
import { useCast, type Person } from '../support/people'
import {
  messageItem,
  sendMessage,
  waitForSent,
  waitForTimeline,
  waitUntilLive,
} from '../../../testkit/browser/chatPage'
import { signInThroughAuthenticator, waitUntilSignedIn } from '../support/authenticator'
import { addToGroup, createGroupUser } from '../../../testkit/backend/teamUsers'
import { TEST_CONFIRMATION_CODE } from '../../../testkit/backend/testBackend'
import { uniqueTag } from '../../../testkit/unique'
import { publishAnnouncement } from '../../../src/graphql/mutations'
import { signedGraphqlRequest } from '../../../scripts/lib/signedGraphql'

const PASSWORD = 'Passw0rd!long'

/** Signs `person` in through the Authenticator and lands on the team chat. */
async function signInToTeams(run: E2eRun, person: Person, email: string): Promise<void> {
  await person.page.goto(`${run.appUrl}/signin?redirect=${encodeURIComponent('/team')}`)
  await signInThroughAuthenticator(person.page, email, PASSWORD)
  await person.page.waitForURL(`${run.appUrl}/team`)
  await waitUntilSignedIn(person.page, email)
}

/** The team tabs a page offers, in order. */
async function teamTabs(page: Page): Promise<string[]> {
  const ids = await page
    .locator('[data-testid^="team-tab-"]')
    .evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('data-testid') ?? ''))
  return ids.map((id) => id.slice('team-tab-'.length))
}

/** Waits until every one of the bell's subscriptions is acknowledged (ready, then fetch). */
function bellReady(page: Page) {
  return page.locator('[data-testid="announcements-bell"][data-state="ready"]').waitFor()
}

/**
 * Waits until the bell's list shows exactly `expected` among the announcements starting with `prefix`
 * (newest first), each once; the error shows what it had instead.
 */
async function waitForAnnouncements(page: Page, prefix: string, expected: readonly string[]): Promise<void> {
  await page.getByTestId('announcements-panel').waitFor()
  try {
    await page.waitForFunction(
      ({ prefix, expected }) => {
        const texts = Array.from(document.querySelectorAll('[data-testid="announcement-text"]'))
          .map((node) => node.textContent?.trim() ?? '')
          .filter((text) => text.startsWith(prefix))
        return JSON.stringify(texts) === JSON.stringify(expected)
      },
      { prefix, expected },
    )
  } catch (error) {
    const texts = await page.getByTestId('announcement-text').allTextContents()
    throw new Error(
      `${page.url()}: expected ${JSON.stringify(expected)}, the bell shows ${JSON.stringify(texts)}`,
      {
        cause: error,
      },
    )
  }
}

// Team chat and announcements in real browsers: a member of TeamRed, a member of TeamBlue, an Admin, and a
// user in no team who is added to TeamGreen while signed in. Each sees only their teams, live; an
// announcement published by a trusted server (IAM, SigV4-signed as `npm run announce` does) and one from
// the Admin's form reach exactly the browsers of the groups named.
export function teamChatScenario(run: () => E2eRun): void {
  describe('team chat and announcements', () => {
    const cast = useCast(run)

    it('members see only their teams live, Admins every team; announcements reach exactly their groups; a new group shows after "Refresh my teams"', async () => {
      const tag = uniqueTag()
      const { backend } = run()
      const emails = {
        red: `red-${tag}@example.com`,
        blue: `blue-${tag}@example.com`,
        admin: `admin-${tag}@example.com`,
        dana: `dana-${tag}@example.com`,
      }
      await createGroupUser(backend, emails.red, ['TeamRed'], TEST_CONFIRMATION_CODE)
      await createGroupUser(backend, emails.blue, ['TeamBlue'], TEST_CONFIRMATION_CODE)
      await createGroupUser(backend, emails.admin, ['Admins'], TEST_CONFIRMATION_CODE)
      await createGroupUser(backend, emails.dana, [], TEST_CONFIRMATION_CODE)
      const [red, blue, admin, dana] = await Promise.all([
        cast.enter('red'),
        cast.enter('blue'),
        cast.enter('admin'),
        cast.enter('dana'),
      ])
      for (const [person, email] of [
        [red, emails.red],
        [blue, emails.blue],
        [admin, emails.admin],
        [dana, emails.dana],
      ] as const)
        await signInToTeams(run(), person, email)

      // Tabs from the ID token's groups; the first team opens live.
      for (const person of [red, blue, admin]) await waitUntilLive(person.page)
      expect(await teamTabs(red.page)).toEqual(['TeamRed'])
      expect(await teamTabs(blue.page)).toEqual(['TeamBlue'])
      expect(await teamTabs(admin.page)).toEqual(['TeamRed', 'TeamBlue', 'TeamGreen'])
      await dana.page.getByTestId('no-teams').waitFor()
      expect(await dana.page.getByTestId('message-input').count()).toBe(0)

      // Red posts and edits; the Admin, reading TeamRed, sees both live but has no composer there.
      await admin.page.getByTestId('admin-read-only').waitFor()
      expect(await admin.page.getByTestId('message-input').count()).toBe(0)
      await sendMessage(red.page, `${tag} red 1`)
      await waitForSent(red.page, `${tag} red 1`)
      await waitForSent(admin.page, `${tag} red 1`)
      await messageItem(red.page, `${tag} red 1`).getByTestId('edit-message').click()
      await red.page.getByTestId('edit-message-input').locator('textarea').fill(`${tag} red 1 edited`)
      await red.page.getByTestId('edit-message-save').click()
      await waitForSent(admin.page, `${tag} red 1 edited`)

      // Blue posts in TeamBlue; the Admin switches tabs and sees it, then Blue's next one live.
      await sendMessage(blue.page, `${tag} blue 1`)
      await waitForSent(blue.page, `${tag} blue 1`)
      await admin.page.getByTestId('team-tab-TeamBlue').click()
      await admin.page.waitForURL(/\/team\/TeamBlue$/)
      await waitUntilLive(admin.page)
      await waitForSent(admin.page, `${tag} blue 1`)
      await sendMessage(blue.page, `${tag} blue 2`)
      await waitForSent(admin.page, `${tag} blue 2`)
      await sendMessage(red.page, `${tag} red 2`)
      await waitForSent(red.page, `${tag} red 2`)
      // Each room holds its own team's messages only (Red's second post came after all of Blue's).
      await waitForTimeline(red.page, tag, [`${tag} red 1 edited`, `${tag} red 2`])
      await waitForTimeline(blue.page, tag, [`${tag} blue 1`, `${tag} blue 2`])
      await waitForTimeline(admin.page, tag, [`${tag} blue 1`, `${tag} blue 2`])
      // A team named in the address that the user is not in: said so, nothing opened.
      await red.page.goto(`${run().appUrl}/team/TeamBlue`)
      await red.page.getByTestId('not-in-team').waitFor()
      expect(await red.page.getByTestId('timeline').count()).toBe(0)
      await red.page.getByTestId('team-tab-TeamRed').click()
      await waitUntilLive(red.page)

      // Dana is added to TeamGreen while signed in: "Refresh my teams" gets new tokens, no sign-out.
      await addToGroup(backend, emails.dana, 'TeamGreen')
      await dana.page.getByTestId('refresh-teams').click()
      await dana.page.getByTestId('team-tab-TeamGreen').waitFor()
      await waitUntilLive(dana.page)
      await sendMessage(dana.page, `${tag} green 1`)
      await waitForSent(dana.page, `${tag} green 1`)
      await waitUntilSignedIn(dana.page, emails.dana)

      // Announcements: every bell subscribed and acknowledged first.
      for (const person of [red, blue, admin, dana]) await bellReady(person.page)
      const iam = async (text: string, groups: string[]) => {
        const result = await signedGraphqlRequest<{ publishAnnouncement: { id: string } }>(
          backend.graphqlEndpoint,
          backend.config.aws_appsync_region,
          backend.awsCredentials,
          publishAnnouncement,
          { topic: `e2e:${tag}`, data: JSON.stringify({ message: text }), groups },
        )
        expect(result.errors ?? []).toEqual([])
        expect(result.data?.publishAnnouncement.id).toBeTruthy()
      }
      await iam(`${tag} iam to blue and admins`, ['TeamBlue', 'Admins'])
      await iam(`${tag} iam to red`, ['TeamRed'])
      await iam(`${tag} iam to green`, ['TeamGreen'])
      // Blue's bell rings with a toast and says it to assistive technology.
      await blue.page.getByTestId('announcement-toast').getByText(`${tag} iam to blue and admins`).waitFor()
      await blue.page
        .getByTestId('announcement-live')
        .filter({ hasText: `${tag} iam to blue and admins` })
        .waitFor({ state: 'attached' })

      // The Admin announces from the form: to TeamRed and TeamBlue, then to Admins.
      await admin.page.getByTestId('announcements-bell').click()
      const form = admin.page.getByTestId('announce-form')
      await form.waitFor()
      await form.getByTestId('announce-topic').locator('input').fill(`e2e:${tag}`)
      const announce = async (text: string, groups: string[]) => {
        await form.getByTestId('announce-message').locator('textarea').fill(text)
        for (const group of ['TeamRed', 'TeamBlue', 'TeamGreen', 'Admins']) {
          const box = form.getByTestId(`announce-group-${group}`).locator('input')
          if ((await box.isChecked()) !== groups.includes(group)) await box.click()
        }
        await form.getByTestId('announce-send').click()
        await form
          .getByTestId('announce-sent')
          .filter({ hasText: groups.join(', ') })
          .waitFor()
      }
      await announce(`${tag} form to red and blue`, ['TeamRed', 'TeamBlue'])
      await announce(`${tag} form to admins`, ['Admins'])

      // Exactly the right browsers, each announcement once (newest first).
      for (const person of [red, blue, dana]) await person.page.getByTestId('announcements-bell').click()
      await waitForAnnouncements(red.page, tag, [`${tag} form to red and blue`, `${tag} iam to red`])
      await waitForAnnouncements(blue.page, tag, [
        `${tag} form to red and blue`,
        `${tag} iam to blue and admins`,
      ])
      await waitForAnnouncements(admin.page, tag, [`${tag} form to admins`, `${tag} iam to blue and admins`])
      await waitForAnnouncements(dana.page, tag, [`${tag} iam to green`])
      // Opening the list read them: no unread count left.
      for (const person of [red, blue, admin, dana])
        expect(await person.page.getByTestId('announcements-bell').getAttribute('data-unread')).toBe('0')
      // Only Admins get the form.
      for (const person of [red, blue, dana])
        expect(await person.page.getByTestId('announce-form').count()).toBe(0)
    })
  })
}
