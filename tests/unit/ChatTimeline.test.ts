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

describe('ChatTimeline: groups and days', () => {
  const at = (day: Date, minutes: number) => new Date(day.getTime() + minutes * 60_000).toISOString()
  const today = new Date()
  today.setHours(0, 0, 0, 0)
  const message = (id: string, owner: string | null, createdAt: string): TimelineEntry => ({
    id,
    message: id,
    createdAt,
    owner,
    authorName: owner,
    delivery: 'sent',
  })
  const continued = (wrapper: ReturnType<typeof mountWithVuetify>) =>
    wrapper
      .findAll('[data-testid="message-item"]')
      .map((item) => `${item.attributes('data-message-id')}:${item.attributes('data-continued') ?? 'first'}`)

  it("groups one author's consecutive messages within five minutes, and no one else's", () => {
    const wrapper = mountWithVuetify(ChatTimeline, {
      props: {
        showAuthor: true,
        entries: [
          message('a1', 'ann', at(today, 60)),
          message('a2', 'ann', at(today, 61)),
          message('a3', 'ann', at(today, 66)),
          message('b1', 'bob', at(today, 67)),
          message('a4', 'ann', at(today, 68)),
          message('n1', null, at(today, 69)),
          message('n2', null, at(today, 69)),
          message('a5', 'ann', at(today, 80)),
        ],
      },
    })
    expect(continued(wrapper)).toEqual([
      'a1:first',
      'a2:true',
      'a3:true',
      'b1:first',
      'a4:first',
      'n1:first',
      'n2:first',
      'a5:first',
    ])
    expect(wrapper.findAll('[data-testid="message-author"]').map((author) => author.text())).toEqual([
      'ann',
      'bob',
      'ann',
      'Unknown author',
      'Unknown author',
      'ann',
    ])
  })

  it("groups this browser's pending message with the signed-in user's own", async () => {
    const mine = message('a1', 'alice', at(today, 60))
    const wrapper = mountWithVuetify(ChatTimeline, {
      props: { showAuthor: true, currentUsername: 'alice', entries: [mine] },
    })
    await wrapper.setProps({
      entries: [mine, { id: 'p1', message: 'p1', createdAt: at(today, 61), delivery: 'pending' as const }],
    })
    expect(continued(wrapper)).toEqual(['a1:first', 'p1:true'])
  })

  it("never groups the reader's own message with someone else's of the same nickname", () => {
    // Unverified nicknames: another visitor may post as "Ann" too. Own messages start their own group,
    // so its author line carries "(you)", and the others' group shows theirs.
    const ann = (id: string, minutes: number) => ({
      ...message(id, null, at(today, minutes)),
      authorName: 'Ann',
    })
    const wrapper = mountWithVuetify(ChatTimeline, {
      props: {
        showAuthor: true,
        unverifiedAuthors: true,
        isMine: (entry: TimelineEntry) => entry.id.startsWith('mine'),
        entries: [ann('other1', 60), ann('mine1', 61), ann('mine2', 62), ann('other2', 63)],
      },
    })
    expect(continued(wrapper)).toEqual(['other1:first', 'mine1:first', 'mine2:true', 'other2:first'])
  })

  it('separates days: the date, then "Yesterday", then "Today"', () => {
    const yesterday = new Date(today)
    yesterday.setDate(today.getDate() - 1)
    const before = new Date(today)
    before.setDate(today.getDate() - 3)
    const wrapper = mountWithVuetify(ChatTimeline, {
      props: {
        showAuthor: true,
        entries: [
          message('old', 'ann', at(before, 600)),
          message('y1', 'ann', at(yesterday, 1435)),
          // Two minutes later, the same author, but another day: a new group under a new separator.
          message('t1', 'ann', at(today, 1)),
          message('t2', 'ann', at(today, 2)),
        ],
      },
    })
    const labels = wrapper.findAll('[data-testid="day-separator"]').map((day) => day.text())
    expect(labels).toHaveLength(3)
    expect(labels.slice(1)).toEqual(['Yesterday', 'Today'])
    expect(labels[0]).not.toMatch(/Today|Yesterday/)
    expect(wrapper.findAll('[role="separator"]').map((day) => day.attributes('aria-label'))).toEqual(labels)
    expect(continued(wrapper)).toEqual(['old:first', 'y1:first', 't1:first', 't2:true'])
  })

  it('groups and separates by the message above even when that one is not rendered (virtual scrolling)', async () => {
    // One author, a message every second, on one day: only the very first row starts a group or a day.
    const start = new Date(2026, 0, 1, 10, 0)
    const long = Array.from({ length: 10_000 }, (_, i) =>
      message(`m${i}`, 'ann', new Date(start.getTime() + i * 1_000).toISOString()),
    )
    const wrapper = mountWithVuetify(ChatTimeline, {
      props: { entries: long, height: 400, showAuthor: true },
    })
    const log = wrapper.find('[data-testid="timeline"]')
    // happy-dom lays nothing out, so it keeps scrollTop at 0: stand in for a reader halfway down.
    Object.defineProperty(log.element, 'scrollTop', {
      configurable: true,
      get: () => 64 * 5_000,
      set: () => {},
    })
    await log.trigger('scroll')
    const rendered = continued(wrapper)
    expect(rendered.length).toBeLessThan(100)
    expect(rendered[0]).not.toBe('m0:first')
    expect(rendered.every((row) => row.endsWith(':true'))).toBe(true)
    expect(wrapper.find('[data-testid="day-separator"]').exists()).toBe(false)
  })
})

describe('ChatTimeline: keyboard', () => {
  it('can be focused, so the keyboard scrolls it', () => {
    const wrapper = mountWithVuetify(ChatTimeline, { props: { entries: entries(3) } })
    expect(wrapper.find('[data-testid="timeline"]').attributes('tabindex')).toBe('0')
  })
})
