import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import type { EffectScope } from 'vue'
import { Hub } from 'aws-amplify/utils'
import { useAuthUser } from '@/auth/useAuthUser'
import { flushPromises } from './support/deferred'

// Reading the session is faked (aws-amplify's Cognito code is outside this test's subject); the Hub is
// aws-amplify's own. What is checked is when the stored session is read, and that the one Hub listener
// lives exactly as long as someone uses the composable.
const currentUser = vi.fn(async () => ({ username: 'alice', displayName: 'alice@example.com' }))
vi.mock('@/auth/userPool', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/auth/userPool')>()),
  currentUser: () => currentUser(),
}))

/** What Amplify's auth code dispatches after a sign-in. */
function signedIn(): void {
  // The Hub warns when anything but Amplify itself dispatches on 'auth'; this test stands in for it.
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  Hub.dispatch('auth', { event: 'signedIn' })
  warn.mockRestore()
}

describe('useAuthUser', () => {
  let idle: (() => void)[] = []
  const scopes: EffectScope[] = []
  /** A user of the composable with a lifetime of its own, as a mounted component has. */
  function use(check?: 'now' | 'idle') {
    const scope = effectScope(true)
    scopes.push(scope)
    return { scope, ...scope.run(() => useAuthUser({ check }))! }
  }

  beforeEach(() => {
    currentUser.mockClear()
    idle = []
    vi.stubGlobal('requestIdleCallback', (task: () => void) => idle.push(task))
    vi.stubGlobal('cancelIdleCallback', (handle: number) => idle.splice(handle - 1, 1, () => {}))
  })
  afterEach(() => {
    scopes.splice(0).forEach((scope) => scope.stop())
    vi.unstubAllGlobals()
  })

  it('reads the stored session for the app bar only once the browser is idle', async () => {
    const { user, known } = use('idle')
    await flushPromises()
    expect(currentUser).not.toHaveBeenCalled()
    expect(known.value).toBe(false)

    idle.forEach((task) => task())
    await flushPromises()
    expect(currentUser).toHaveBeenCalledTimes(1)
    expect(known.value).toBe(true)
    expect(user.value?.displayName).toBe('alice@example.com')
  })

  it('reads it at once for a page that depends on it, and only once', async () => {
    use('idle')
    const { known } = use()
    await flushPromises()
    expect(currentUser).toHaveBeenCalledTimes(1)
    expect(known.value).toBe(true)
    idle.forEach((task) => task())
    await flushPromises()
    expect(currentUser).toHaveBeenCalledTimes(1)
  })

  it('listens to the Hub once for all its users and stops when the last one goes', async () => {
    const appBar = use()
    const page = use()
    await flushPromises()
    currentUser.mockClear()

    signedIn()
    await flushPromises()
    expect(currentUser).toHaveBeenCalledTimes(1)

    page.scope.stop()
    signedIn()
    await flushPromises()
    expect(currentUser).toHaveBeenCalledTimes(2)

    appBar.scope.stop()
    signedIn()
    await flushPromises()
    expect(currentUser).toHaveBeenCalledTimes(2)
  })

  it('starts afresh for a user that comes after the last one went, and cancels a pending idle read', async () => {
    const first = use('idle')
    first.scope.stop()
    idle.forEach((task) => task())
    await flushPromises()
    expect(currentUser).not.toHaveBeenCalled()

    const { known } = use()
    await flushPromises()
    expect(currentUser).toHaveBeenCalledTimes(1)
    expect(known.value).toBe(true)
    signedIn()
    await flushPromises()
    expect(currentUser).toHaveBeenCalledTimes(2)
  })
})
