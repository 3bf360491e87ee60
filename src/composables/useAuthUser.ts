import { readonly, ref } from 'vue'
import type { SignedInUser } from '../services/authSession'
import { currentUser, onAuthChange, signOutUser } from '../services/authSession'

// One state for the whole app: the app bar, the closed chat and the sign-in page share it.
const user = ref<SignedInUser | null>(null)
const known = ref(false)
let started = false
let refreshCount = 0

async function refresh(): Promise<void> {
  const call = ++refreshCount
  const next = await currentUser()
  // A later refresh (say, sign-out right after sign-in) wins over an earlier one that resolves late.
  if (call !== refreshCount) return
  user.value = next
  known.value = true
}

function start(): void {
  if (started) return
  started = true
  onAuthChange(() => void refresh())
  void refresh()
}

export function useAuthUser() {
  start()
  return {
    /** The signed-in user, or null. */
    user: readonly(user),
    /** False until the first check of the stored session has finished. */
    known: readonly(known),
    signOut: signOutUser,
  }
}
