import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import type { Browser } from 'playwright-core'

// Debian's Chromium: `npx playwright install` cannot download a browser on these machines. The flags keep
// it from reaching the network on its own (updates, sync, QUIC probes) and run it without a GPU or sandbox.
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser']

export const HOW_TO_INSTALL_CHROMIUM =
  "Install Debian's Chromium with `sudo apt-get update && sudo apt-get install -y chromium`, or point " +
  'CHROMIUM_PATH at a Chromium or Chrome binary.'

/** The browser binary: CHROMIUM_PATH when set, else Debian's. Throws, saying how to install one, when none. */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv
    throw new Error(`CHROMIUM_PATH is ${fromEnv}, which does not exist. ${HOW_TO_INSTALL_CHROMIUM}`)
  }
  const found = CANDIDATES.find((path) => existsSync(path))
  if (found) return found
  throw new Error(`No Chromium found (looked for ${CANDIDATES.join(', ')}). ${HOW_TO_INSTALL_CHROMIUM}`)
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_FLAGS })
}
