import { calendarDay } from './timeLabels'

/** Messages by one author closer together than this are shown as one group (author and time once). */
export const GROUP_WINDOW_MS = 5 * 60_000

interface Dated {
  createdAt: string
}

/** Whether `entry` starts a new local calendar day after `previous` (the first message always does). */
export function startsDay(previous: Dated | undefined, entry: Dated): boolean {
  return !previous || calendarDay(new Date(previous.createdAt)) !== calendarDay(new Date(entry.createdAt))
}

/**
 * Whether `entry` goes on `previous`'s group: the same known author (`authorOf` gives null when unknown,
 * and unknown authors are never taken for the same one), the same day, and at most `windowMs` later.
 */
export function continuesGroup<Entry extends Dated>(
  previous: Entry | undefined,
  entry: Entry,
  authorOf: (entry: Entry) => string | null,
  windowMs: number = GROUP_WINDOW_MS,
): boolean {
  if (!previous || startsDay(previous, entry)) return false
  const author = authorOf(entry)
  if (author === null || author !== authorOf(previous)) return false
  const gap = Date.parse(entry.createdAt) - Date.parse(previous.createdAt)
  return gap >= 0 && gap <= windowMs
}
