import { effectScope, getCurrentScope, onScopeDispose } from 'vue'
import type { EffectScope } from 'vue'

/**
 * One instance of `composable` for all its users at a time, as @aws-amplify/ui-vue's `useAuth` (and
 * VueUse's helper of the same name) do: it runs in a scope of its own, and that scope stops, running
 * its `onScopeDispose` cleanups, when the last user's scope (a component, say) goes away. A later user
 * starts a fresh instance. A call outside any scope keeps the instance alive for good.
 */
export function createSharedComposable<Args extends unknown[], Result>(
  composable: (...args: Args) => Result,
): (...args: Args) => Result {
  let users = 0
  let scope: EffectScope | undefined
  let shared: Result | undefined
  const release = () => {
    users -= 1
    if (scope && users <= 0) {
      scope.stop()
      scope = undefined
      shared = undefined
    }
  }
  return (...args: Args): Result => {
    users += 1
    if (!scope) {
      scope = effectScope(true)
      shared = scope.run(() => composable(...args))
    }
    if (getCurrentScope()) onScopeDispose(release)
    return shared as Result
  }
}
