import { describe, expect, it } from 'vitest'
import ChatMessageItem from '@/components/ChatMessageItem.vue'
import type { TimelineEntry } from '@/domain/chatMessage'
import { mountWithVuetify } from './support/mountWithVuetify'

const entry = (extra: Partial<TimelineEntry> = {}): TimelineEntry => ({
  id: 'm1',
  message: 'hello',
  createdAt: '2026-01-01T10:00:00.000Z',
  delivery: 'sent',
  ...extra,
})

describe('ChatMessageItem', () => {
  it('shows a message as text, never as HTML', () => {
    const wrapper = mountWithVuetify(ChatMessageItem, {
      props: { entry: entry({ message: '<img src=x onerror="alert(1)"><b>bold</b>' }) },
    })
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.find('b').exists()).toBe(false)
    expect(wrapper.find('[data-testid="message-text"]').text()).toBe(
      '<img src=x onerror="alert(1)"><b>bold</b>',
    )
  })

  it('carries the message id and delivery state for end-to-end tests', () => {
    const wrapper = mountWithVuetify(ChatMessageItem, { props: { entry: entry({ id: 'abc' }) } })
    const item = wrapper.find('[data-testid="message-item"]')
    expect(item.attributes('data-message-id')).toBe('abc')
    expect(item.attributes('data-delivery')).toBe('sent')
  })

  it('shows the author when asked, falling back to the owner', () => {
    const withName = mountWithVuetify(ChatMessageItem, {
      props: { entry: entry({ authorName: 'alice@example.com', owner: 'alice' }), showAuthor: true },
    })
    expect(withName.find('[data-testid="message-author"]').text()).toBe('alice@example.com')
    const ownerOnly = mountWithVuetify(ChatMessageItem, {
      props: { entry: entry({ owner: 'bob' }), showAuthor: true },
    })
    expect(ownerOnly.find('[data-testid="message-author"]').text()).toBe('bob')
    const hidden = mountWithVuetify(ChatMessageItem, { props: { entry: entry({ owner: 'bob' }) } })
    expect(hidden.find('[data-testid="message-author"]').exists()).toBe(false)
  })

  it('marks pending messages and offers retry and discard for failed ones', async () => {
    const pending = mountWithVuetify(ChatMessageItem, { props: { entry: entry({ delivery: 'pending' }) } })
    expect(pending.find('[data-testid="message-status"]').text()).toContain('Sending')

    const failed = mountWithVuetify(ChatMessageItem, {
      props: { entry: entry({ delivery: 'failed', error: 'Message is too long' }) },
    })
    expect(failed.find('[data-testid="message-error"]').text()).toContain('Message is too long')
    await failed.find('[data-testid="retry-send"]').trigger('click')
    await failed.find('[data-testid="discard-send"]').trigger('click')
    expect(failed.emitted()).toHaveProperty('retry')
    expect(failed.emitted()).toHaveProperty('discard')
  })

  it('offers edit and delete to the owner of a sent message only', async () => {
    const own = mountWithVuetify(ChatMessageItem, { props: { entry: entry(), canModify: true } })
    await own.find('[data-testid="edit-message"]').trigger('click')
    await own.find('[data-testid="delete-message"]').trigger('click')
    expect(Object.keys(own.emitted())).toEqual(expect.arrayContaining(['edit', 'delete']))

    const other = mountWithVuetify(ChatMessageItem, { props: { entry: entry(), canModify: false } })
    expect(other.find('[data-testid="edit-message"]').exists()).toBe(false)
    const stillPending = mountWithVuetify(ChatMessageItem, {
      props: { entry: entry({ delivery: 'pending' }), canModify: true },
    })
    expect(stillPending.find('[data-testid="edit-message"]').exists()).toBe(false)
  })

  it('says when a message was edited', () => {
    const wrapper = mountWithVuetify(ChatMessageItem, {
      props: { entry: entry({ updatedAt: '2026-01-01T10:05:00.000Z' }) },
    })
    expect(wrapper.find('[data-testid="message-edited"]').exists()).toBe(true)
  })

  it("names the author of one's own message while it is pending or failed, not 'Unknown author'", () => {
    for (const delivery of ['pending', 'failed'] as const) {
      const wrapper = mountWithVuetify(ChatMessageItem, {
        props: { entry: entry({ delivery }), showAuthor: true },
      })
      expect(wrapper.find('[data-testid="message-author"]').text()).toBe('You')
    }
  })
})
