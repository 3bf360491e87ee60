import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

// axe-core in a page of the app, under the page's own Content-Security-Policy: its source is evaluated
// through the DevTools protocol (as page.evaluate is), which the policy does not apply to, so nothing is
// relaxed for the test.

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** The impacts that fail the suite (axe's scale: minor, moderate, serious, critical). */
export const FAILING_IMPACTS = ['serious', 'critical']

/**
 * Violations that come from @aws-amplify/ui-vue's own markup, each scoped to the rule and the elements
 * it concerns, with the upstream issue; docs/accessibility.md lists them. Anything else, and these rules
 * anywhere else, still fail.
 */
export const UPSTREAM_EXCLUSIONS: {
  rule: string
  /** The element itself or an ancestor of it. */
  selector: string
  /** A part of axe's failure summary for the node: only that failure is excluded. */
  failure: string
  why: string
}[] = [
  {
    // @aws-amplify/ui-vue 4.4.6 renders the Authenticator's tabs as <div class="amplify-authenticator__tabs"
    // tabindex="0" aria-orientation="horizontal"> around the role="tablist" element: aria-orientation on
    // an element without a role that takes it. Its markup, not this app's; see docs/accessibility.md.
    rule: 'aria-allowed-attr',
    selector: '[data-amplify-authenticator] .amplify-authenticator__tabs',
    failure: 'aria-orientation="horizontal"',
    why: 'aria-orientation on the tab list wrapper of @aws-amplify/ui-vue',
  },
]

export interface AxeFinding {
  rule: string
  impact: string
  help: string
  targets: string[]
  /** axe's summary for the first element (contrast ratio, missing name, ...). */
  detail: string
}

interface AxeResultsLike {
  violations: {
    id: string
    impact?: string | null
    help: string
    nodes: { target: unknown[]; failureSummary?: string }[]
  }[]
}

/** Runs axe-core (all its WCAG 2.x A/AA and best-practice rules) on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const exclusions = UPSTREAM_EXCLUSIONS.map(({ rule, selector, failure }) => ({ rule, selector, failure }))
  const results = await page.evaluate(async (excluded) => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<AxeResultsLike> } }).axe
    const found = await axe.run(document, { resultTypes: ['violations'] })
    // Drop only the nodes an exclusion names, for that rule.
    for (const violation of found.violations) {
      violation.nodes = violation.nodes.filter((node) => {
        const element = document.querySelector(String(node.target[node.target.length - 1]))
        // axe's summary: a "Fix all/any of the following:" line, then one line per failure.
        const failures = (node.failureSummary ?? '')
          .split('\n')
          .slice(1)
          .map((line) => line.trim())
          .filter((line) => line !== '')
        return !excluded.some(
          ({ rule, selector, failure }) =>
            rule === violation.id &&
            element?.closest(selector) &&
            failures.length > 0 &&
            failures.every((line) => line.includes(failure)),
        )
      })
    }
    return found
  }, exclusions)
  return results.violations
    .filter((violation) => FAILING_IMPACTS.includes(violation.impact ?? '') && violation.nodes.length > 0)
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' >>> ')),
      detail: (violation.nodes[0]?.failureSummary ?? '').split('\n').slice(0, 3).join(' '),
    }))
}
