/**
 * The display-name rule, as the server checks it (resolvers/Function.claimDisplayName.req.vtl): 2 to 32
 * ASCII letters, digits, '.', '-' or '_'. ASCII only, so letters of other scripts that look like Latin ones
 * cannot be chosen. Unique without regard to letter case: only the server can tell whether a name is free.
 */
export const DISPLAY_NAME_PATTERN = /^[A-Za-z0-9._-]{2,32}$/

export const DISPLAY_NAME_RULE = "2 to 32 letters, digits, '.', '-' or '_' (A to Z, no spaces)"

/** Why `value` cannot be a display name, or null when it can. */
export function displayNameProblem(value: unknown): string | null {
  const name = typeof value === 'string' ? value : ''
  if (name.trim() === '') return 'Choose a display name: it is shown with your messages in the Closed Chat.'
  if (!DISPLAY_NAME_PATTERN.test(name)) return `Display name must be ${DISPLAY_NAME_RULE}.`
  return null
}
