/** How many items two lists share at their start, compared by id (a list that only grew at its end shares all of the old one). */
export function sharedStart(a: readonly { id: string }[], b: readonly { id: string }[]): number {
  let same = 0
  while (same < a.length && same < b.length && a[same].id === b[same].id) same++
  return same
}
