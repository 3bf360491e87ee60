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

  it('marks a chosen nickname as unverified (open and room chats), not a verified name', () => {
    const nickname = mountWithVuetify(ChatMessageItem, {
      props: { entry: entry({ authorName: 'Ann' }), showAuthor: true, unverifiedAuthor: true },
    })
    const author = nickname.find('[data-testid="message-author"]')
    expect(author.text()).toBe('~Ann')
    expect(author.attributes('title')).toMatch(/not verified/)
    const mine = mountWithVuetify(ChatMessageItem, {
      props: { entry: entry({ authorName: 'Ann' }), showAuthor: true, unverifiedAuthor: true, mine: true },
    })
    expect(mine.find('[data-testid="message-mine"]').text()).toBe('(you)')
    // This browser's message still on its way is "You"; a message without a nickname has no "~".
    const pending = mountWithVuetify(ChatMessageItem, {
      props: { entry: entry({ delivery: 'pending' }), showAuthor: true, unverifiedAuthor: true },
    })
    expect(pending.find('[data-testid="message-author"]').text()).toBe('You')
    const verified = mountWithVuetify(ChatMessageItem, {
      props: { entry: entry({ authorName: 'alice', owner: 'alice' }), showAuthor: true },
    })
    expect(verified.find('[data-testid="message-author"]').text()).toBe('alice')
    expect(verified.find('[data-testid="message-author"]').attributes('title')).toBeUndefined()
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

describe('ChatMessageItem: links', () => {
  it('makes http(s) addresses links that open in a new tab without the opener or a referrer', () => {
    const message = 'docs at https://example.com/a?b=1 (see http://example.org).'
    const wrapper = mountWithVuetify(ChatMessageItem, { props: { entry: entry({ message }) } })
    const links = wrapper.findAll('a')
    expect(links.map((link) => link.attributes('href'))).toEqual([
      'https://example.com/a?b=1',
      'http://example.org/',
    ])
    for (const link of links) {
      expect(link.attributes('target')).toBe('_blank')
      expect(link.attributes('rel')).toBe('noopener noreferrer')
    }
    expect(links.map((link) => link.text())).toEqual(['https://example.com/a?b=1', 'http://example.org'])
    // The text around the links is the message, character for character.
    expect(wrapper.find('[data-testid="message-text"]').element.textContent).toBe(message)
  })

  const hostile = [
    'javascript:alert(1)',
    '<a href="javascript:alert(1)">x</a>',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example/x',
    'https://bank.example@evil.example/',
    '<img src=x onerror="alert(1)"> https\uff1a//evil.example',
    'line one\n  line two\twith a tab\n',
  ]
  for (const message of hostile) {
    it(`shows ${JSON.stringify(message)} as text, with no link or element`, () => {
      const wrapper = mountWithVuetify(ChatMessageItem, { props: { entry: entry({ message }) } })
      const text = wrapper.find('[data-testid="message-text"]')
      expect(text.element.children).toHaveLength(0)
      expect(text.element.textContent).toBe(message)
    })
  }

  it('links only the web address in a message that also holds markup', () => {
    const message = '<b>x</b> https://example.com" onmouseover="alert(1)'
    const wrapper = mountWithVuetify(ChatMessageItem, { props: { entry: entry({ message }) } })
    const text = wrapper.find('[data-testid="message-text"]')
    expect(Array.from(text.element.children).map((child) => child.outerHTML)).toEqual([
      expect.stringMatching(/^<a [^>]*href="https:\/\/example\.com\/"[^>]*>https:\/\/example\.com<\/a>$/),
    ])
    expect(text.find('a').attributes('onmouseover')).toBeUndefined()
    expect(text.element.textContent).toBe(message)
  })
})

describe('ChatMessageItem: time and groups', () => {
  it('gives the time relative to now, with the exact time in a tooltip and machine-readable', () => {
    const createdAt = new Date(Date.now() - 3 * 60_000 - 5_000).toISOString()
    const wrapper = mountWithVuetify(ChatMessageItem, {
      props: { entry: entry({ createdAt }), showAuthor: true },
    })
    const time = wrapper.find('time[data-testid="message-time"]')
    expect(time.text()).toBe('3 min')
    expect(time.attributes('datetime')).toBe(createdAt)
    expect(time.attributes('title')).toContain(String(new Date(createdAt).getFullYear()))
  })

  it('names the author and time once per group: a continued message shows neither above its text', () => {
    const first = mountWithVuetify(ChatMessageItem, {
      props: { entry: entry({ authorName: 'ann' }), showAuthor: true },
    })
    expect(first.find('[data-testid="message-author"]').text()).toBe('ann')
    expect(first.find('[data-testid="message-item"]').attributes('data-continued')).toBeUndefined()

    const next = mountWithVuetify(ChatMessageItem, {
      props: { entry: entry({ authorName: 'ann' }), showAuthor: true, continued: true },
    })
    expect(next.find('[data-testid="message-author"]').exists()).toBe(false)
    expect(next.find('[data-testid="message-item"]').attributes('data-continued')).toBe('true')
    // Still there for pointer and keyboard (shown on hover and focus), and for screen readers.
    expect(next.find('time').classes()).toContain('chat-message__hover-time')
  })
})

describe('ChatMessageItem: accessibility', () => {
  it('says which message Edit and Delete act on: author, time and the start of the text', () => {
    const wrapper = mountWithVuetify(ChatMessageItem, {
      props: {
        entry: entry({
          authorName: 'alice@example.com',
          owner: 'alice',
          message: 'A rather long message\nthat goes on well past the forty characters of a label',
        }),
        canModify: true,
      },
    })
    const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(
      new Date('2026-01-01T10:00:00.000Z'),
    )
    const snippet = '“A rather long message that goes on well…”'
    expect(wrapper.find('[data-testid="edit-message"]').attributes('aria-label')).toBe(
      `Edit message by alice@example.com, ${clock}: ${snippet}`,
    )
    expect(wrapper.find('[data-testid="delete-message"]').attributes('aria-label')).toBe(
      `Delete message by alice@example.com, ${clock}: ${snippet}`,
    )
  })
})
