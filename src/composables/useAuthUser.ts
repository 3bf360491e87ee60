import { readonly, ref } from 'vue'
import type { SignedInUser } from '../services/authSession'
import { currentUser, onAuthChange, signOutUser } from '../services/authSession'

// One state for the whole app: the app bar, the closed chat and the sign-in page share it.
const user = ref<SignedInUser | null>(null)
const known = ref(false)
let listening = false
let checked = false
let refreshCount = 0

async function refresh(): Promise<void> {
  const call = ++refreshCount
  const next = await currentUser()
  // A later refresh (say, sign-out right after sign-in) wins over an earlier one that resolves late.
  if (call !== refreshCount) return
  user.value = next
  known.value = true
}

function checkStoredSession(): void {
  if (checked) return
  checked = true
  void refresh()
}

// After the first paint: reading the stored session loads the Cognito code, which the page itself
// does not need to show up.
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 500 })
  else setTimeout(task, 0)
}

/**
 * The signed-in user. `check: 'idle'` (the app bar) reads the stored session once the browser is idle;
 * the default reads it at once, for pages whose content depends on it.
 */
export function useAuthUser({ check = 'now' }: { check?: 'now' | 'idle' } = {}) {
  if (!listening) {
    listening = true
    onAuthChange(() => void refresh())
  }
  if (check === 'now') checkStoredSession()
  else if (!checked) whenIdle(checkStoredSession)
  return {
    /** The signed-in user, or null. */
    user: readonly(user),
    /** False until the first check of the stored session has finished. */
    known: readonly(known),
    signOut: signOutUser,
  }
}
