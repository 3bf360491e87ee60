import type { BrowserContext } from 'playwright-core'

/**
 * Collects every Content-Security-Policy violation in a browser context, in every page, frame and
 * document it loads (across navigations), as the browser reports them (`securitypolicyviolation`).
 * The listener is installed before any page script runs; the report goes to Node through a binding, which
 * the page's CSP does not govern.
 */
export async function collectCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = []
  await context.exposeBinding('__reportCspViolation', ({ frame }, report: string) => {
    violations.push(`${frame.url()}: ${report}`)
  })
  await context.addInitScript(() => {
    const report = (window as unknown as { __reportCspViolation: (text: string) => void })
      .__reportCspViolation
    document.addEventListener('securitypolicyviolation', (event) => {
      const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : ''
      const sample = event.sample ? ` sample ${JSON.stringify(event.sample)}` : ''
      void report(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'}${where}${sample}`)
    })
  })
  return violations
}
