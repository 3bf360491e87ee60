const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

/**
 * The local calendar date of `date` as a day number (days since 1970-01-01): two instants on the same
 * local day have the same number, and consecutive days differ by one, across daylight-saving changes.
 */
export function calendarDay(date: Date): number {
  return Math.round(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY_MS)
}

/**
 * How long ago `then` was, as a chat shows it: "just now" under a minute (and for a clock slightly
 * ahead of ours), then "N min", "N h" under a day, then the time of day (the day separator says which
 * day).
 */
export function relativeTime(then: Date, now: Date, clock: Intl.DateTimeFormat = timeOfDay): string {
  const elapsed = now.getTime() - then.getTime()
  if (elapsed < MINUTE_MS) return 'just now'
  if (elapsed < HOUR_MS) return `${Math.floor(elapsed / MINUTE_MS)} min`
  if (elapsed < DAY_MS) return `${Math.floor(elapsed / HOUR_MS)} h`
  return clock.format(then)
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })

/** The time of day, e.g. for a label naming a message. */
export const clockTime = (date: Date): string => timeOfDay.format(date)
const dateThisYear = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' })
const dateOtherYear = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' })
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' })

/** The exact date and time, for a tooltip. */
export function exactTime(then: Date): string {
  return exact.format(then)
}

/**
 * The label of the day separator above messages of `then`'s day: "Today", "Yesterday", else the date
 * (with the year when it is not this year's). `today` is `calendarDay(now)`.
 */
export function dayLabel(then: Date, today: number): string {
  const day = calendarDay(then)
  if (day === today) return 'Today'
  if (day === today - 1) return 'Yesterday'
  const thisYear = new Date(today * DAY_MS).getUTCFullYear()
  return (then.getFullYear() === thisYear ? dateThisYear : dateOtherYear).format(then)
}
