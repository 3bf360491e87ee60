import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from './support/deferred'

// The session is faked (aws-amplify's Cognito code is outside this test's subject): what is checked is
// when the stored session is read.
const currentUser = vi.fn(async () => ({ username: 'alice', displayName: 'alice@example.com' }))
vi.mock('@/services/authSession', () => ({
  currentUser: () => currentUser(),
  onAuthChange: () => () => {},
  signOutUser: async () => {},
}))

describe('useAuthUser', () => {
  let idle: (() => void)[] = []
  beforeEach(() => {
    vi.resetModules()
    currentUser.mockClear()
    idle = []
    vi.stubGlobal('requestIdleCallback', (task: () => void) => idle.push(task))
  })
  afterEach(() => vi.unstubAllGlobals())

  it('reads the stored session for the app bar only once the browser is idle', async () => {
    const { useAuthUser } = await import('@/composables/useAuthUser')
    const { user, known } = useAuthUser({ check: 'idle' })
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
    const { useAuthUser } = await import('@/composables/useAuthUser')
    useAuthUser({ check: 'idle' })
    const { known } = useAuthUser()
    await flushPromises()
    expect(currentUser).toHaveBeenCalledTimes(1)
    expect(known.value).toBe(true)
    idle.forEach((task) => task())
    await flushPromises()
    expect(currentUser).toHaveBeenCalledTimes(1)
  })
})
