import { describe, expect, it } from 'vitest'
import ConnectionChip from '@/components/ConnectionChip.vue'
import { mountWithVuetify } from './support/mountWithVuetify'

describe('ConnectionChip', () => {
  it.each([
    ['connected', 'Connected'],
    ['connecting', 'Connecting'],
    ['disrupted', 'Disrupted'],
  ] as const)('shows %s as "%s"', (state, label) => {
    const chip = mountWithVuetify(ConnectionChip, { props: { state } }).find(
      '[data-testid="connection-chip"]',
    )
    expect(chip.text()).toBe(label)
    expect(chip.attributes('data-state')).toBe(state)
    expect(chip.attributes('role')).toBe('status')
    expect(chip.attributes('aria-label')).toContain(label)
  })
})
