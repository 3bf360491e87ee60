import { ref, watch, type Ref } from 'vue'
import type { SignedInUser } from '../auth/userPool'
import { displayNameProblem } from '../domain/displayName'
import { errorMessage } from '../services/errorMessage'
import { displayNameRefusal, type DisplayNames } from '../services/displayNames'

export type DisplayNameStatus = 'signed-out' | 'checking' | 'ready' | 'needed'

export interface DisplayNameDependencies {
  /** Claims the name in the signed-in user's ID token (services/displayNames.ts). */
  names: Pick<DisplayNames, 'claim'>
  /** Writes a new display name to the user pool and refreshes the tokens (auth/userPool.ts). */
  change: (name: string) => Promise<void>
}

/**
 * The signed-in user's display name in the closed chat. Signing in claims it (so a name taken at sign-up,
 * in any letter case, is found before the first post); an account without one, or whose name another
 * account holds, is asked to choose (`needed`, with the server's reason in `problem`) before posting.
 */
export function useDisplayName(
  user: Readonly<Ref<Readonly<SignedInUser> | null>>,
  reloadUser: () => Promise<void>,
  dependencies: () => DisplayNameDependencies,
) {
  const status = ref<DisplayNameStatus>('signed-out')
  const problem = ref<string | null>(null)
  const saving = ref(false)
  let checks = 0

  async function check(): Promise<void> {
    const call = ++checks
    const current = user.value
    if (!current) {
      status.value = 'signed-out'
      return
    }
    if (!current.chosenName) {
      status.value = 'needed'
      return
    }
    status.value = 'checking'
    try {
      await dependencies().names.claim()
      if (call !== checks) return
      status.value = 'ready'
      problem.value = null
    } catch (error) {
      if (call !== checks) return
      // Anything but a refusal of the name (say, the connection) is left to the post to report.
      if (displayNameRefusal(error)) {
        status.value = 'needed'
        problem.value = errorMessage(error)
      } else status.value = 'ready'
    }
  }

  watch(() => (user.value ? `${user.value.username}\n${user.value.chosenName ?? ''}` : null), check, {
    immediate: true,
  })

  /** Checks the name here, writes it to the user pool, and claims it. False when it was refused. */
  async function choose(name: string): Promise<boolean> {
    const invalid = displayNameProblem(name)
    if (invalid) {
      problem.value = invalid
      return false
    }
    saving.value = true
    try {
      await dependencies().change(name)
      await reloadUser()
      await check()
      return status.value === 'ready'
    } catch (error) {
      problem.value = errorMessage(error)
      return false
    } finally {
      saving.value = false
    }
  }

  return { status, problem, saving, choose }
}

export type DisplayName = ReturnType<typeof useDisplayName>
