let id: string | null = null

/** A random id for this page (one per browser tab and load), telling two tabs with one nickname apart. */
export function tabClientId(): string {
  if (id) return id
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
  id = random
  return id
}
