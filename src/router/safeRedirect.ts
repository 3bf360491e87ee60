/** Where to go after signing in: an in-app path only, never another origin. */
export function safeRedirect(target: unknown): string {
  if (
    typeof target !== 'string' ||
    !target.startsWith('/') ||
    target.startsWith('//') ||
    target.startsWith('/\\')
  ) {
    return '/'
  }
  if (target === '/signin' || target.startsWith('/signin?') || target.startsWith('/signin#')) return '/'
  return target
}
