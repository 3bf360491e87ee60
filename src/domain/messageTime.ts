// The formatters of a message row's time, made once for every row: creating an Intl.DateTimeFormat
// costs far more than formatting with one, and the timeline creates rows whenever it scrolls.

/** The time of day, as shown beside each message. */
export const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })

/** Date and time in full, on hover. */
export const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
