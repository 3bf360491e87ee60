// Display-name claims on the app's client, for the pages where signed-in users post under their display
// name (closed and team chat); a module of its own so that the open chat's first visit does not load it.
import { defaultChatDependencies } from './defaultChatDependencies'
import { createDisplayNames } from './displayNames'
import type { DisplayNames } from './displayNames'

let displayNames: DisplayNames | null = null

/** Display-name claims on the app's client (created on first use). */
export function appDisplayNames(): DisplayNames {
  displayNames ??= createDisplayNames(defaultChatDependencies())
  return displayNames
}
