import { onScopeDispose, readonly, ref } from 'vue'
import { createSharedComposable } from '../composables/createSharedComposable'
import type { SignedInUser } from './userPool'
import { currentUser, onAuthChange, refreshTokens, signOut } from './userPool'

// After the first paint: reading the stored session loads the Cognito code, which the page itself does
// not need to show up. Returns the function that cancels the task.
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 500 })
    return () => cancelIdleCallback(handle)
  }
  const handle = setTimeout(task, 0)
  return () => clearTimeout(handle)
}

// One state for the app bar, the closed chat and the sign-in page while any of them is mounted; the Hub
// listener goes when the last of them does.
const useAuthState = createSharedComposable(() => {
  const user = ref<SignedInUser | null>(null)
  const known = ref(false)
  let checked = false
  let refreshes = 0
  let cancelIdle: (() => void) | null = null

  async function refresh(): Promise<void> {
    const call = ++refreshes
    const next = await currentUser()
    // A later refresh (say, sign-out right after sign-in) wins over an earlier one that resolves late.
    if (call !== refreshes) return
    user.value = next
    known.value = true
  }

  function checkNow(): void {
    cancelIdle?.()
    cancelIdle = null
    if (checked) return
    checked = true
    void refresh()
  }

  function checkWhenIdle(): void {
    if (!checked && !cancelIdle) cancelIdle = whenIdle(checkNow)
  }

  const stopListening = onAuthChange(() => void refresh())
  onScopeDispose(() => {
    stopListening()
    cancelIdle?.()
    // Answers that arrive after this are dropped.
    refreshes += 1
  })
  /** New tokens without signing out, then the user read again from them (new groups show at once). */
  async function refreshSession(): Promise<void> {
    await refreshTokens()
    await refresh()
  }

  return { user: readonly(user), known: readonly(known), checkNow, checkWhenIdle, refresh, refreshSession }
})

/**
 * The signed-in user. `check: 'idle'` (the app bar) reads the stored session once the browser is idle;
 * the default reads it at once, for pages whose content depends on it.
 */
export function useAuthUser({ check = 'now' }: { check?: 'now' | 'idle' } = {}) {
  const { user, known, checkNow, checkWhenIdle, refresh, refreshSession } = useAuthState()
  if (check === 'now') checkNow()
  else checkWhenIdle()
  return {
    /** The signed-in user, or null. */
    user,
    /** False until the first check of the stored session has finished. */
    known,
    /** Reads the stored session again (after the user's attributes changed). */
    reload: refresh,
    signOut,
    /**
     * Fetches new tokens with the refresh token (no sign-out) and reads the user again: how a user who was
     * added to a Cognito group gets it in `cognito:groups`. Rejects when the session cannot be refreshed.
     */
    refreshSession,
  }
}
