import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterEach } from 'vitest'
import type { E2eRun } from './e2eRun'
import { PROJECT_ROOT } from '../../../testkit/browser/appBuild'
import { collectCspViolations } from './cspViolations'

export const ARTIFACTS_DIR = path.join(PROJECT_ROOT, 'test-results', 'e2e')

/** Tall enough that a room's few test messages all stay rendered by the virtual scroller. */
export const TEST_VIEWPORT = { width: 1280, height: 1100 }

/** One person at one browser: their own context (storage, session), one page, what its console said. */
export interface Person {
  name: string
  context: BrowserContext
  page: Page
  consoleLog: string[]
  /** Content-Security-Policy violations in any of their pages (every test fails on one; see useCast). */
  cspViolations: string[]
}

function stamp(): string {
  return new Date().toISOString().slice(11, 23)
}

export async function openPerson(
  run: E2eRun,
  name: string,
  options: BrowserContextOptions = {},
): Promise<Person> {
  const context = await run.browser.newContext({ viewport: TEST_VIEWPORT, ...options })
  const cspViolations = await collectCspViolations(context)
  const page = await context.newPage()
  // Every wait in these tests is for an event or a DOM state; this only bounds how long a broken one takes.
  page.setDefaultTimeout(60_000)
  const consoleLog: string[] = []
  page.on('console', (message) => consoleLog.push(`${stamp()} [${message.type()}] ${message.text()}`))
  page.on('pageerror', (error) => consoleLog.push(`${stamp()} [pageerror] ${error.stack ?? error.message}`))
  page.on('requestfailed', (request) =>
    consoleLog.push(
      `${stamp()} [requestfailed] ${request.method()} ${request.url()} ${request.failure()?.errorText}`,
    ),
  )
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) consoleLog.push(`${stamp()} [navigated] ${frame.url()}`)
  })
  return { name, context, page, consoleLog, cspViolations }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120)
}

/** Writes a screenshot and the console log of each person's page into test-results/e2e/<test>/. */
export async function saveArtifacts(testName: string, people: readonly Person[]): Promise<string> {
  const dir = path.join(ARTIFACTS_DIR, slug(testName))
  await mkdir(dir, { recursive: true })
  for (const person of people) {
    const base = path.join(dir, slug(person.name))
    await person.page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 5_000 }).catch(() => {})
    await writeFile(`${base}.console.log`, `${person.consoleLog.join('\n')}\n`)
  }
  return dir
}

/**
 * People for the tests of one describe block: `enter(name)` opens a fresh context for them. After each
 * test their contexts close; when the test failed, their screenshots and console logs are saved first.
 * A Content-Security-Policy violation in any of their pages fails the test: the app must run under the
 * policy it is deployed with (hosting/securityHeaders.ts), whatever the scenario does.
 */
export function useCast(run: () => E2eRun) {
  let present: Person[] = []
  afterEach(async (context) => {
    const people = present
    present = []
    if (context.task.result?.state === 'fail' && people.length > 0) {
      const dir = await saveArtifacts(context.task.fullTestName ?? context.task.name, people)
      console.error(`e2e artifacts (screenshots, console logs): ${path.relative(PROJECT_ROOT, dir)}`)
    }
    await Promise.all(people.map((person) => person.context.close().catch(() => {})))
    const violations = people.flatMap((person) =>
      person.cspViolations.map((text) => `${person.name}: ${text}`),
    )
    if (violations.length > 0) {
      throw new Error(`Content-Security-Policy violations:\n${violations.join('\n')}`)
    }
  })
  return {
    async enter(name: string, options?: BrowserContextOptions): Promise<Person> {
      const person = await openPerson(run(), name, options)
      present.push(person)
      return person
    },
  }
}
