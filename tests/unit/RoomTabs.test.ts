import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent } from 'vue'
import RoomTabs from '@/components/RoomTabs.vue'
import { flushPromises } from './support/deferred'
import { mountWithVuetify } from './support/mountWithVuetify'

async function mountTabs(current = 'room1', extra: Record<string, unknown> = {}) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/rooms/:room', component: defineComponent({ render: () => null }) }],
  })
  await router.push(`/rooms/${current}`)
  const wrapper = mountWithVuetify(RoomTabs, {
    props: { rooms: ['room1', 'room2'], current, basePath: '/rooms', ...extra },
    global: { plugins: [router] },
  })
  return { wrapper, router }
}

describe('RoomTabs', () => {
  it('links each room to its URL and adds the current room when it is not a default one', async () => {
    const { wrapper } = await mountTabs('lobby')
    const tabs = ['room1', 'room2', 'lobby'].map((room) => wrapper.find(`[data-testid="room-tab-${room}"]`))
    expect(tabs.every((tab) => tab.exists())).toBe(true)
    expect(tabs[2].attributes('href')).toBe('/rooms/lobby')
  })

  it('joins a valid room by navigating to it', async () => {
    const { wrapper, router } = await mountTabs()
    await wrapper.find('[data-testid="join-room-input"] input').setValue('  team_42 ')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/rooms/team_42')
    expect(wrapper.emitted('join')).toEqual([['team_42']])
  })

  it('refuses an invalid room name with a reason and stays put', async () => {
    const { wrapper, router } = await mountTabs()
    await wrapper.find('[data-testid="join-room-input"] input').setValue('no spaces/slashes')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/rooms/room1')
    expect(wrapper.text()).toContain('Use only letters, digits')
    expect(wrapper.emitted('join')).toBeUndefined()
  })

  it('shows unread counts on tabs, capped at 99+', async () => {
    const { wrapper } = await mountTabs('room1', { unread: { room2: 3, lobby: 0 } })
    expect(wrapper.find('[data-testid="unread-room2"]').text()).toBe('3')
    expect(wrapper.find('[data-testid="unread-room2"]').attributes('aria-label')).toBe('3 unread')
    expect(wrapper.find('[data-testid="unread-room1"]').exists()).toBe(false)
    await wrapper.setProps({ unread: { room2: 250 } })
    expect(wrapper.find('[data-testid="unread-room2"]').text()).toBe('99+')
  })

  it('offers to leave each joined room, not a room only visited', async () => {
    const { wrapper } = await mountTabs('lobby', { leavable: true })
    expect(wrapper.find('[data-testid="leave-room-lobby"]').exists()).toBe(false)
    const leave = wrapper.find('[data-testid="leave-room-room2"]')
    expect(leave.attributes('aria-label')).toBe('Leave room2')
    await leave.trigger('click')
    expect(wrapper.emitted('leave')).toEqual([['room2']])
  })
})
