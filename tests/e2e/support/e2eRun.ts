import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import type { LocalBackend } from '../../../local-backend/src/startLocalBackend'
import { startTestBackend } from '../../../testkit/backend/testBackend'
import { buildApp, serveApp, type ServedApp } from '../../../testkit/browser/appBuild'
import { findChromium, launchChromium } from '../../../testkit/browser/chromium'

/**
 * Everything one e2e run shares: the local backend (free ports, data on disk so it can be restarted with
 * its data), one production build of the app pointed at it, that build served by `vite preview`, and
 * one Chromium. Each scenario opens its own browser contexts (one per person).
 */
export interface E2eRun {
  appUrl: string
  browser: Browser
  /** The backend now running (a new object after restartBackend; same ports, ids and data). */
  backend: LocalBackend
  /** Stops the backend (GraphQL, real-time and Cognito), as an outage would. */
  stopBackend(): Promise<void>
  /** Starts it again on the same ports with the same data folder. */
  startBackend(): Promise<void>
  readonly backendRunning: boolean
  close(): Promise<void>
}

function portOf(url: string): number {
  return Number(new URL(url).port)
}

export async function startE2eRun(): Promise<E2eRun> {
  // First, so a machine without a browser fails at once with the way to install one.
  findChromium()
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'chat-e2e-'))
  const dataDir = path.join(workDir, 'backend-data')
  const outDir = path.join(workDir, 'app')
  let backend: LocalBackend | null = null
  let app: ServedApp | null = null
  let browser: Browser | null = null

  const close = async () => {
    await browser?.close().catch(() => {})
    await app?.close().catch(() => {})
    await backend?.stop().catch(() => {})
    backend = null
    await rm(workDir, { recursive: true, force: true })
  }

  try {
    const first = await startTestBackend({ inMemory: false, dataDir })
    backend = first
    const ports = { port: portOf(first.graphqlEndpoint), cognitoPort: portOf(first.cognitoEndpoint) }
    await buildApp(first.config, outDir)
    app = await serveApp(outDir)
    browser = await launchChromium()
    const appUrl = app.url
    const openBrowser = browser
    return {
      appUrl,
      browser: openBrowser,
      get backend() {
        if (!backend) throw new Error('The backend is stopped')
        return backend
      },
      get backendRunning() {
        return backend !== null
      },
      async stopBackend() {
        await backend?.stop()
        backend = null
      },
      async startBackend() {
        if (backend) throw new Error('The backend is already running')
        backend = await startTestBackend({ inMemory: false, dataDir, ...ports })
      },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

/** Starts the run before the file's tests and closes it after; call once, at the top of the test file. */
export function useE2eRun(): () => E2eRun {
  let run: E2eRun | null = null
  beforeAll(async () => {
    run = await startE2eRun()
  })
  afterAll(async () => {
    await run?.close()
  })
  return () => {
    if (!run) throw new Error('The e2e run did not start (see the first failure)')
    return run
  }
}
