import { describe, expect, it } from 'vitest'
import { ConnectionState } from 'aws-amplify/api'
import ConnectionChip from '@/components/ConnectionChip.vue'
import { toLinkState } from '@/services/realtimeEvents'
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

  it('offers "Reconnect now" while disrupted only', async () => {
    const wrapper = mountWithVuetify(ConnectionChip, { props: { state: 'disrupted' } })
    await wrapper.find('[data-testid="reconnect-now"]').trigger('click')
    expect(wrapper.emitted('reconnect')).toHaveLength(1)
    await wrapper.setProps({ state: 'connected' })
    expect(wrapper.find('[data-testid="reconnect-now"]').exists()).toBe(false)
  })

  // With no network at all (navigator.onLine false) the local backend is still reached over loopback:
  // the chip shows the socket, not the machine's network.
  it('shows an open socket as connected whatever navigator.onLine says', () => {
    expect(toLinkState(ConnectionState.ConnectedPendingNetwork)).toBe('connected')
    expect(toLinkState(ConnectionState.ConnectionDisruptedPendingNetwork)).toBe('disrupted')
  })
})
