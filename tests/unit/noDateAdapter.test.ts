import { describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import { NO_DATE_ADAPTER_MESSAGE, VuetifyDateAdapter } from '@/plugins/noDateAdapter'

// What builds put in place of Vuetify's date adapter (vite.config.ts): createVuetify must still be able
// to create it, and a date component must fail saying why rather than misbehave.
describe('noDateAdapter', () => {
  it('is created and kept as Vuetify does, and follows the locale', () => {
    const adapter = reactive(new VuetifyDateAdapter({ locale: 'en-US', formats: undefined }))
    adapter.locale = 'de-DE'
    expect(adapter.locale).toBe('de-DE')
  })

  it('refuses every date operation with a message that says where to look', () => {
    const adapter = new VuetifyDateAdapter({ locale: 'en-US' }) as unknown as Record<string, () => unknown>
    for (const method of ['date', 'format', 'getWeekArray', 'startOfMonth']) {
      expect(() => adapter[method](), method).toThrow(NO_DATE_ADAPTER_MESSAGE)
    }
  })
})
