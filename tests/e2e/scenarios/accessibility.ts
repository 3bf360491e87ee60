import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { E2eRun } from '../support/e2eRun'
import { useCast } from '../support/people'
import { axeViolations, type AxeFinding } from '../support/axe'
import { openChat, waitForSent } from '../../../testkit/browser/chatPage'
import { signInThroughAuthenticator, waitUntilSignedIn } from '../support/authenticator'
import { postClosedMessage, postOpenMessage, postRoomMessage } from '../../../testkit/backend/backendClient'
import { createGroupUser } from '../../../testkit/backend/teamUsers'
import { postGraphql, TEST_CONFIRMATION_CODE } from '../../../testkit/backend/testBackend'
import { createTeamChat } from '../../../src/graphql/mutations'
import { uniqueTag } from '../../../testkit/unique'

const PASSWORD = 'Passw0rd!long'

/** Every page is checked in each: the theme follows the system setting, which the browser emulates. */
const LOOKS = [
  { name: 'light desktop', colorScheme: 'light', viewport: { width: 1280, height: 800 } },
  { name: 'dark desktop', colorScheme: 'dark', viewport: { width: 1280, height: 800 } },
  { name: 'light phone', colorScheme: 'light', viewport: { width: 390, height: 844 } },
  { name: 'dark phone', colorScheme: 'dark', viewport: { width: 390, height: 844 } },
] as const

interface Checked {
  page: string
  look: string
  findings: AxeFinding[]
}

/**
 * Vuetify's display and theme updates rendered and laid out (two frames), and every transition or
 * animation that ends (colours fading to the other theme, a menu fading in) finished: axe reads the
 * colours as they are at that moment.
 */
function settled(page: Page): Promise<void> {
  return page.evaluate(async () => {
    // A transition can start a frame after another ends (a theme variable, then what reads it): until
    // two frames pass with none running. Bounded: a transition that never ends fails the wait below.
    for (let round = 0; round < 20; round++) {
      await new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      )
      // CSS transitions, and the animations Vuetify runs with `element.animate()` (a menu opening fades in,
      // so its text reads lighter until it ends); never the endless ones (a loading bar).
      const running = document
        .getAnimations()
        .filter(
          (animation) =>
            animation.playState === 'running' &&
            Number.isFinite(animation.effect?.getComputedTiming().endTime ?? Infinity),
        )
      if (running.length === 0) return
      await Promise.all(running.map((animation) => animation.finished.catch(() => undefined)))
    }
    throw new Error('Transitions or animations kept starting for 20 rounds')
  })
}

/** Runs axe on the page as it is, in each look in turn: same page, only the viewport and colour scheme change. */
async function checkEveryLook(page: Page, name: string): Promise<Checked[]> {
  const checked: Checked[] = []
  for (const look of LOOKS) {
    await page.setViewportSize(look.viewport)
    await page.emulateMedia({ colorScheme: look.colorScheme })
    await page.locator(`.v-application.v-theme--${look.colorScheme}`).waitFor()
    await settled(page)
    checked.push({ page: name, look: look.name, findings: await axeViolations(page) })
  }
  // Back to the first look, where the next steps find every control the app bar has.
  await page.setViewportSize(LOOKS[0].viewport)
  await page.emulateMedia({ colorScheme: LOOKS[0].colorScheme })
  return checked
}

function report(checked: Checked[]): string[] {
  return checked.flatMap(({ page, look, findings }) =>
    findings.map(
      (finding) =>
        `${page} (${look}): ${finding.rule} [${finding.impact}] ${finding.help} — ${finding.targets.join(', ')} — ${finding.detail}`,
    ),
  )
}

// axe-core on every page, signed out and in, in light and dark, at desktop and phone width: no serious
// or critical violation, apart from the few in @aws-amplify/ui-vue's markup that support/axe.ts names
// (docs/accessibility.md lists them with their upstream issues).
export function accessibilityScenario(run: () => E2eRun): void {
  describe('accessibility', () => {
    const cast = useCast(run)

    it('every page, signed out and signed in, light and dark, desktop and phone: no serious or critical axe violation', async () => {
      const tag = uniqueTag()
      const { appUrl, backend } = run()
      const room = `a11y-${tag}`
      const email = `axe-${tag}@example.com`
      // In a team and an Admin: the team chat shows its tabs and composer, the bell its Admins' form.
      const user = await createGroupUser(backend, email, ['TeamRed', 'Admins'], TEST_CONFIRMATION_CODE)
      // A long message in the closed chat, so wrapped text and its row's controls are checked too.
      // More messages than the open chat's view holds, so its timeline scrolls.
      for (let i = 1; i <= 30; i++) await postOpenMessage(backend, `Scrolling ${tag} ${i}`)
      await postOpenMessage(backend, `Accessibility check ${tag}`)
      await postRoomMessage(backend, room, `Room message ${tag}`)
      await postClosedMessage(backend, user.idToken, room, `Closed message ${tag} `.repeat(12).trim())
      const teamPost = await postGraphql(
        backend.graphqlEndpoint,
        { query: createTeamChat, variables: { input: { team: 'TeamRed', message: `Team message ${tag}` } } },
        { authorization: user.idToken },
      )
      expect(teamPost.json.errors ?? []).toEqual([])

      const visitor = await cast.enter('visitor')
      const checked: Checked[] = []
      const page = visitor.page

      await page.goto(`${appUrl}/`)
      await page.getByTestId('home-open').waitFor()
      checked.push(...(await checkEveryLook(page, '/')))

      await openChat(page, `${appUrl}/open`)
      await waitForSent(page, `Accessibility check ${tag}`)
      checked.push(...(await checkEveryLook(page, '/open')))

      await openChat(page, `${appUrl}/rooms/${room}`)
      await waitForSent(page, `Room message ${tag}`)
      checked.push(...(await checkEveryLook(page, '/rooms/:room')))

      await openChat(page, `${appUrl}/closed/${room}`)
      await page.getByTestId('sign-in-prompt').waitFor()
      checked.push(...(await checkEveryLook(page, '/closed/:room signed out')))

      await page.goto(`${appUrl}/team`)
      await page.getByTestId('team-sign-in').waitFor()
      checked.push(...(await checkEveryLook(page, '/team signed out')))

      await page.goto(`${appUrl}/closed/${room}`)
      await page.getByTestId('sign-in-to-post').click()
      await page.waitForURL(/\/signin\?redirect=/)
      await page.getByTestId('authenticator').locator('input[name="username"]').waitFor()
      checked.push(...(await checkEveryLook(page, '/signin')))

      await page.goto(`${appUrl}/no-such-page`)
      await page
        .getByText(/not found/i)
        .first()
        .waitFor()
      checked.push(...(await checkEveryLook(page, '404')))

      // Signed in: the closed chat with the composer and the author's own message (Edit, Delete).
      await page.goto(`${appUrl}/signin?redirect=${encodeURIComponent(`/closed/${room}`)}`)
      await signInThroughAuthenticator(page, email, PASSWORD)
      await page.waitForURL(`${appUrl}/closed/${room}`)
      await waitUntilSignedIn(page, email)
      await openChat(page, `${appUrl}/closed/${room}`)
      await page.getByTestId('message-input').waitFor()
      await page.getByTestId('message-item').first().waitFor()
      checked.push(...(await checkEveryLook(page, '/closed/:room signed in')))

      // Signed in, a member: the team room with its tabs and composer.
      await openChat(page, `${appUrl}/team/TeamRed`)
      await waitForSent(page, `Team message ${tag}`)
      await page.getByTestId('message-input').waitFor()
      checked.push(...(await checkEveryLook(page, '/team/:team signed in')))

      // The announcements bell's panel, with the Admins' form.
      await page.locator('[data-testid="announcements-bell"][data-state="ready"]').click()
      await page.getByTestId('announce-form').waitFor()
      checked.push(...(await checkEveryLook(page, 'announcements panel')))

      expect(checked.length).toBe(10 * LOOKS.length)
      expect(report(checked)).toEqual([])
    })
  })
}
