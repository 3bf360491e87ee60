import { afterAll, beforeAll } from 'vitest'
import type { LocalBackend } from '../../local-backend/src/startLocalBackend'
import { configureAmplify } from './amplifyClient'
import { startTestBackend } from './testBackend'

export interface SuiteBackend {
  /** The in-memory local backend the suite shares (started before its first test). */
  readonly backend: LocalBackend
  /** aws-amplify v6 configured for it. */
  readonly amplify: ReturnType<typeof configureAmplify>
}

/**
 * One in-memory local backend for a test file, with aws-amplify v6 configured for it: started in
 * `beforeAll`, stopped in `afterAll`. Read its fields inside tests (they are set once it has started).
 */
export function useSuiteBackend(): SuiteBackend {
  let backend: LocalBackend | undefined
  let amplify: ReturnType<typeof configureAmplify> | undefined
  beforeAll(async () => {
    backend = await startTestBackend()
    amplify = configureAmplify(backend.config)
  })
  afterAll(() => backend?.stop())
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The suite backend is read before it started (outside a test).')
    return value
  }
  return {
    get backend() {
      return started(backend)
    },
    get amplify() {
      return started(amplify)
    },
  }
}
