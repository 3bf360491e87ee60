import { CognitoError, NotAuthorizedError } from './cognitoLocalAdapter'

const SECOND = 1000
const MINUTE = 60 * SECOND

/**
 * Cognito's documented lockout for password sign-in ("Lockout behavior for failed sign-in attempts",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior):
 * after five failed attempts the user is locked out for 1 s, doubling with each further failure (2^(n-5) s
 * for n failures) up to about 15 minutes; attempts during a lockout get "Password attempts exceeded" and do
 * not count; a successful sign-in after a lockout, or 15 minutes without attempts, starts again from zero.
 */
export const SIGN_IN = { freeFailures: 5, maxLockoutMs: 15 * MINUTE, idleResetMs: 15 * MINUTE }

/**
 * Cognito does not publish its limits for confirmation codes; clients see LimitExceededException ("Attempt
 * limit exceeded, please try after some time.") after about five wrong codes (e.g. aws-amplify/amplify-ui-android#180).
 * The local pool refuses a user's codes of one kind for 15 minutes after five wrong ones.
 */
export const CODES = { allowedFailures: 5, blockMs: 15 * MINUTE }

/** Entries are dropped when they reset; the cap only bounds memory under a flood of made-up names. */
const MAX_TRACKED = 100_000

interface SignInState {
  failures: number
  lastAttemptAt: number
  lockedUntil: number
}

export interface SignInLockout {
  /** Throws NotAuthorizedException "Password attempts exceeded" while `key` is locked out. */
  checkNotLocked(key: string): void
  failed(key: string): void
  succeeded(key: string): void
}

export function signInLockout(now: () => number): SignInLockout {
  const states = new Map<string, SignInState>()
  const current = (key: string): SignInState | undefined => {
    const state = states.get(key)
    if (state && now() - state.lastAttemptAt >= SIGN_IN.idleResetMs) {
      states.delete(key)
      return undefined
    }
    return state
  }
  return {
    checkNotLocked(key) {
      const state = current(key)
      if (state && now() < state.lockedUntil) {
        state.lastAttemptAt = now()
        throw new NotAuthorizedError('Password attempts exceeded')
      }
    },
    failed(key) {
      const state = current(key) ?? { failures: 0, lastAttemptAt: 0, lockedUntil: 0 }
      state.failures += 1
      state.lastAttemptAt = now()
      if (state.failures >= SIGN_IN.freeFailures) {
        const lockoutMs = Math.min(
          2 ** (state.failures - SIGN_IN.freeFailures) * SECOND,
          SIGN_IN.maxLockoutMs,
        )
        state.lockedUntil = now() + lockoutMs
      }
      if (!states.has(key) && states.size >= MAX_TRACKED) states.delete(states.keys().next().value as string)
      states.set(key, state)
    },
    succeeded(key) {
      states.delete(key)
    },
  }
}

export interface CodeAttemptLimit {
  /** Throws LimitExceededException while `key` may not try codes. */
  checkAllowed(key: string): void
  failed(key: string): void
  succeeded(key: string): void
}

export function codeAttemptLimit(now: () => number): CodeAttemptLimit {
  const states = new Map<string, { failures: number; blockedUntil: number }>()
  return {
    checkAllowed(key) {
      const state = states.get(key)
      if (!state || state.failures < CODES.allowedFailures) return
      if (now() >= state.blockedUntil) {
        states.delete(key)
        return
      }
      throw new CognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.')
    },
    failed(key) {
      const state = states.get(key) ?? { failures: 0, blockedUntil: 0 }
      state.failures += 1
      if (state.failures >= CODES.allowedFailures) state.blockedUntil = now() + CODES.blockMs
      if (!states.has(key) && states.size >= MAX_TRACKED) states.delete(states.keys().next().value as string)
      states.set(key, state)
    },
    succeeded(key) {
      states.delete(key)
    },
  }
}

/**
 * Runs the checks for one key one at a time: otherwise a burst of parallel guesses would all pass the limit
 * check while the first ones were still being compared.
 */
export function onePerKey(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>()
  return (key, work) => {
    const previous = tails.get(key) ?? Promise.resolve()
    const run = previous.then(work, work)
    const tail = run.catch(() => {})
    tails.set(key, tail)
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key)
    })
    return run
  }
}
