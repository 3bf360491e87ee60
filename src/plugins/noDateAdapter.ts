// Stands in for Vuetify's own date adapter (vuetify/lib/composables/date/adapters/vuetify.js), which
// createVuetify instantiates on every page although only date pickers and calendars use it: this app has
// none. vite.config.ts swaps this module in for that one, keeping a date library out of every first load.
// A component that does need dates fails at once with a message saying why, rather than misbehaving.

const METHODS = [
  'date',
  'toJsDate',
  'toISO',
  'parseISO',
  'addMinutes',
  'addHours',
  'addDays',
  'addWeeks',
  'addMonths',
  'getWeekArray',
  'startOfWeek',
  'endOfWeek',
  'startOfMonth',
  'endOfMonth',
  'format',
  'isEqual',
  'isValid',
  'isWithinRange',
  'isAfter',
  'isAfterDay',
  'isBefore',
  'isSameDay',
  'isSameMonth',
  'isSameYear',
  'setMinutes',
  'setHours',
  'setMonth',
  'setDate',
  'setYear',
  'getDiff',
  'getWeekdays',
  'getYear',
  'getMonth',
  'getWeek',
  'getDate',
  'getNextMonth',
  'getPreviousMonth',
  'getHours',
  'getMinutes',
  'startOfDay',
  'endOfDay',
  'startOfYear',
  'endOfYear',
] as const

export const NO_DATE_ADAPTER_MESSAGE =
  "This build has no Vuetify date adapter: vite.config.ts replaces it (see src/plugins/noDateAdapter.ts). Remove that replacement to use Vuetify's date components."

/** The export name date.js imports. */
export class VuetifyDateAdapter {
  locale: unknown
  formats: unknown

  constructor(options: { locale?: unknown; formats?: unknown } = {}) {
    this.locale = options.locale
    this.formats = options.formats
  }
}

for (const name of METHODS) {
  Object.defineProperty(VuetifyDateAdapter.prototype, name, {
    value() {
      throw new Error(`${NO_DATE_ADAPTER_MESSAGE} (called: ${name})`)
    },
  })
}
