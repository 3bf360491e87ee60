// npm run screenshots: writes docs/screenshots/ (every page in light and dark mode, at desktop and phone
// width, and two-browsers.png for the README) from the production build on a fresh local backend, in
// Chromium, with a seeded conversation (Alice and Bob also in TeamRed, for the team chat's pictures). A
// script, not a test: it asserts nothing, and the pictures are files in the working tree that only this
// command rewrites.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { startE2eRun, type E2eRun } from './support/e2eRun'
import { PROJECT_ROOT } from '../../testkit/browser/appBuild'
import { openPerson, saveArtifacts, type Person } from './support/people'
import { openChat, sendMessage, waitForSent } from '../../testkit/browser/chatPage'
import { signInThroughAuthenticator, waitUntilSignedIn } from './support/authenticator'
import {
  postClosedMessage,
  postOpenMessage,
  postRoomMessage,
  postTeamMessage,
  touchRoomList,
} from '../../testkit/backend/backendClient'
import { composeSideBySide } from './support/sideBySide'
import { createTestUser, signInTestUser, type TestUser } from '../../testkit/backend/cognitoUsers'
import { addToGroup } from '../../testkit/backend/teamUsers'
import { TEST_CONFIRMATION_CODE } from '../../testkit/backend/testBackend'

const SCREENSHOTS_DIR = path.join(PROJECT_ROOT, 'docs', 'screenshots')
const PASSWORD = 'Passw0rd!long'

const DEVICES: Record<string, BrowserContextOptions> = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
}
const THEMES = ['light', 'dark'] as const

async function seed(run: E2eRun): Promise<{ alice: TestUser }> {
  const backend = run.backend
  const alice = await createTestUser(backend, 'alice@example.com', TEST_CONFIRMATION_CODE, PASSWORD)
  const bob = await createTestUser(backend, 'bob@example.com', TEST_CONFIRMATION_CODE, PASSWORD)
  for (const [nickname, text] of [
    ['Sam', 'Morning! Is anyone else trying the open chat?'],
    ['Kai', 'Yes, your message showed up in my other window right away.'],
    ['Kai', 'No sign-in needed here: every call uses the API key.'],
  ])
    await postOpenMessage(backend, text, nickname)
  for (const [nickname, text] of [
    ['Ann', 'Room 1 stand-up: what is everyone working on today?'],
    ['Bob', 'Wiring the roomName argument of the subscription.'],
    ['Ann', 'Room 2 cannot see any of this, by the way.'],
  ])
    await postRoomMessage(backend, 'room1', text, nickname)
  await postRoomMessage(backend, 'room2', 'Quiet in here.', 'Bob')
  await touchRoomList(backend, 'room1')
  await touchRoomList(backend, 'room2')
  await postClosedMessage(backend, alice.idToken, 'room1', 'Welcome! Only signed-in users can post here.')
  await postClosedMessage(backend, bob.idToken, 'room1', 'Visitors still read along live, with the API key.')
  await postClosedMessage(backend, alice.idToken, 'room1', 'And we can edit or delete our own messages.')
  // Alice and Bob in TeamRed; their new tokens list the group.
  for (const user of [alice, bob]) await addToGroup(backend, user.email, 'TeamRed')
  const [red1, red2] = await Promise.all([
    signInTestUser(backend, alice.email, PASSWORD),
    signInTestUser(backend, bob.email, PASSWORD),
  ])
  await postTeamMessage(
    backend,
    red1.idToken,
    'TeamRed',
    'Team Red only: nobody outside the group sees this.',
  )
  await postTeamMessage(backend, red2.idToken, 'TeamRed', 'Not even with the API key. Admins read along.')
  return { alice }
}

/** The nickname a person's browser remembers (as the app keeps it), so pictures do not change by chance. */
async function nickname(context: BrowserContext, name: string): Promise<void> {
  await context.addInitScript((chosen) => localStorage.setItem('chat-nickname', chosen), name)
}

/** Waits for what each page must show before it is worth a picture. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
}

async function shoot(page: Page, name: string): Promise<void> {
  await settle(page)
  await page.screenshot({
    path: path.join(SCREENSHOTS_DIR, `${name}.png`),
    animations: 'disabled',
    caret: 'hide',
  })
}

/**
 * Runs `step` with people whose browser contexts it opens through `enter`; closes them all at the end, after
 * saving their screenshots and console logs to test-results/e2e/ if the step failed.
 */
async function withCast(
  run: E2eRun,
  name: string,
  step: (enter: (person: string, options?: BrowserContextOptions) => Promise<Person>) => Promise<void>,
): Promise<void> {
  const present: Person[] = []
  try {
    await step(async (person, options) => {
      const opened = await openPerson(run, person, options)
      present.push(opened)
      return opened
    })
  } catch (error) {
    const dir = await saveArtifacts(`screenshots ${name}`, present)
    console.error(
      `screenshots, ${name}: failed; screenshots and console logs in ${path.relative(PROJECT_ROOT, dir)}`,
    )
    throw error
  } finally {
    await Promise.all(present.map((person) => person.context.close().catch(() => {})))
  }
}

async function everyPage(run: E2eRun, alice: TestUser): Promise<void> {
  await withCast(run, 'every page', async (enter) => {
    const { appUrl } = run
    let signedInState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined
    for (const theme of THEMES) {
      for (const [device, options] of Object.entries(DEVICES)) {
        const suffix = `${theme}-${device}`
        const visitor = await enter(`visitor ${suffix}`, { ...options, colorScheme: theme })
        await nickname(visitor.context, 'Dana')
        const page = visitor.page
        await page.goto(`${appUrl}/`)
        await page.getByTestId('home-open').waitFor()
        await shoot(page, `home-${suffix}`)
        await openChat(page, `${appUrl}/open`)
        await shoot(page, `open-${suffix}`)
        await openChat(page, `${appUrl}/rooms/room1`)
        await shoot(page, `room-${suffix}`)
        await openChat(page, `${appUrl}/closed/room1`)
        await page.getByTestId('sign-in-prompt').waitFor()
        await shoot(page, `closed-signed-out-${suffix}`)
        await page.goto(`${appUrl}/signin?redirect=%2Fclosed%2Froom1`)
        await page.getByTestId('authenticator').locator('input[name="username"]').waitFor()
        await shoot(page, `sign-in-${suffix}`)

        signedInState ??= await (async () => {
          await signInThroughAuthenticator(page, alice.email, alice.password)
          await waitUntilSignedIn(page, alice.email)
          return page.context().storageState()
        })()
        const member = await enter(`alice ${suffix}`, {
          ...options,
          colorScheme: theme,
          storageState: signedInState,
        })
        await openChat(member.page, `${appUrl}/closed/room1`)
        await member.page.getByTestId('message-input').waitFor()
        await shoot(member.page, `closed-signed-in-${suffix}`)
        await openChat(member.page, `${appUrl}/team/TeamRed`)
        await member.page.getByTestId('message-input').waitFor()
        await shoot(member.page, `team-signed-in-${suffix}`)
        await Promise.all([visitor.context.close(), member.context.close()])
      }
    }
  })
}

async function twoBrowsers(run: E2eRun): Promise<void> {
  await withCast(run, 'two browsers', async (enter) => {
    const { appUrl } = run
    const size = { viewport: { width: 720, height: 760 }, colorScheme: 'light' as const }
    const [a, b] = await Promise.all([enter('browser A', size), enter('browser B', size)])
    await Promise.all([nickname(a.context, 'Ann'), nickname(b.context, 'Bob')])
    const url = `${appUrl}/rooms/room1`
    await Promise.all([openChat(a.page, url), openChat(b.page, url)])
    const hello = 'Hello from browser A!'
    await sendMessage(a.page, hello)
    await waitForSent(b.page, hello)
    const reply = 'Got it live in browser B.'
    await sendMessage(b.page, reply)
    await waitForSent(a.page, reply)
    await Promise.all([settle(a.page), settle(b.page)])
    const address = new URL(url).pathname
    const picture = await composeSideBySide(
      run.browser,
      [
        {
          label: 'Browser A',
          address,
          png: await a.page.screenshot({ animations: 'disabled', caret: 'hide' }),
        },
        {
          label: 'Browser B',
          address,
          png: await b.page.screenshot({ animations: 'disabled', caret: 'hide' }),
        },
      ],
      "Two browsers in Room 1: a message sent in one appears in the other through the room's subscription.",
    )
    await writeFile(path.join(SCREENSHOTS_DIR, 'two-browsers.png'), picture)
  })
}

async function main(): Promise<void> {
  const run = await startE2eRun()
  try {
    await mkdir(SCREENSHOTS_DIR, { recursive: true })
    // Seeded first, so the pages show the seeded conversation only.
    const { alice } = await seed(run)
    await everyPage(run, alice)
    await twoBrowsers(run)
    console.log(`Wrote ${path.relative(PROJECT_ROOT, SCREENSHOTS_DIR)}/.`)
  } finally {
    await run.close()
  }
}

await main()
