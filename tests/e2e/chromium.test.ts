import { afterEach, describe, expect, it, vi } from 'vitest'
import { findChromium } from '../../testkit/browser/chromium'

// Without a browser the suite must fail and say how to get one, never skip. This checks the message; the
// run itself (support/e2eRun.ts) calls findChromium first, so chat.test.ts fails with it.
describe('finding Chromium', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('says how to install one when the configured browser is missing', () => {
    vi.stubEnv('CHROMIUM_PATH', '/nonexistent/chromium')
    expect(() => findChromium()).toThrow(/apt-get install -y chromium/)
  })

  it('finds the one configured', () => {
    vi.stubEnv('CHROMIUM_PATH', process.execPath)
    expect(findChromium()).toBe(process.execPath)
  })
})
