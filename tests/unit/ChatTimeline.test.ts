import { describe, expect, it } from 'vitest'
import ChatTimeline from '@/components/ChatTimeline.vue'
import type { TimelineEntry } from '@/domain/chatMessage'
import { mountWithVuetify } from './support/mountWithVuetify'

const entries = (count: number): TimelineEntry[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    message: `message ${i}`,
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    delivery: 'sent' as const,
  }))

describe('ChatTimeline', () => {
  it('renders messages in a labelled log', () => {
    const wrapper = mountWithVuetify(ChatTimeline, { props: { entries: entries(3), height: 400 } })
    const log = wrapper.find('[data-testid="timeline"]')
    expect(log.attributes('role')).toBe('log')
    expect(log.attributes('aria-label')).toBe('Messages')
    expect(
      wrapper.findAll('[data-testid="message-item"]').map((w) => w.attributes('data-message-id')),
    ).toEqual(['m0', 'm1', 'm2'])
  })

  it('renders only a window of a long history (virtual scrolling)', () => {
    const wrapper = mountWithVuetify(ChatTimeline, { props: { entries: entries(10_000), height: 400 } })
    const rendered = wrapper.findAll('[data-testid="message-item"]').length
    expect(rendered).toBeGreaterThan(0)
    expect(rendered).toBeLessThan(100)
  })

  it('says when a room is empty, once the history has loaded', () => {
    expect(mountWithVuetify(ChatTimeline, { props: { entries: [], loaded: true } }).text()).toContain(
      'No messages yet',
    )
    const loading = mountWithVuetify(ChatTimeline, { props: { entries: [], loaded: false } })
    expect(loading.text()).not.toContain('No messages yet')
    expect(loading.find('[role="progressbar"]').exists()).toBe(true)
  })

  it('offers older messages when there are some', async () => {
    const wrapper = mountWithVuetify(ChatTimeline, { props: { entries: entries(2), hasOlder: true } })
    await wrapper.find('[data-testid="load-older"]').trigger('click')
    expect(wrapper.emitted('load-older')).toHaveLength(1)
    await wrapper.setProps({ hasOlder: false })
    expect(wrapper.find('[data-testid="load-older"]').exists()).toBe(false)
  })

  it("offers edit and delete on the signed-in user's own messages only", () => {
    const mixed: TimelineEntry[] = [
      { ...entries(1)[0], id: 'mine', owner: 'alice' },
      { ...entries(2)[1], id: 'theirs', owner: 'bob' },
    ]
    const wrapper = mountWithVuetify(ChatTimeline, { props: { entries: mixed, currentUsername: 'alice' } })
    const editable = wrapper
      .findAll('[data-testid="message-item"]')
      .filter((item) => item.find('[data-testid="edit-message"]').exists())
      .map((item) => item.attributes('data-message-id'))
    expect(editable).toEqual(['mine'])
  })
})
