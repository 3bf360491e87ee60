import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, reactive } from 'vue'
import ChatRoomPanel from '@/components/ChatRoomPanel.vue'
import { useChatRoom } from '@/composables/useChatRoom'
import type { ChatMessage } from '@/domain/chatMessage'
import { deferred, flushPromises } from './support/deferred'
import { FakeRealtime } from './support/fakeRealtime'
import { FakeRoomSource } from './support/fakeRoomSource'
import { mountWithVuetify } from './support/mountWithVuetify'

/** A ceiling for waits on a busy machine: each wait ends when its condition holds. */
const WAIT_CEILING_MS = 60_000

function mountPanel(
  source: FakeRoomSource,
  props: Record<string, unknown> = {},
  slots: Record<string, () => unknown> = {},
) {
  const realtime = new FakeRealtime()
  const Host = defineComponent({
    setup() {
      const room = reactive(useChatRoom({ source, realtime }))
      return () =>
        h(
          ChatRoomPanel,
          { room, ...props },
          { 'signed-out': () => h('p', { id: 'signed-out' }, 'sign in'), ...slots },
        )
    },
  })
  return mountWithVuetify(Host)
}

// Rooms keep drafts and unsent messages in sessionStorage: every test starts without any.
beforeEach(() => sessionStorage.clear())

describe('ChatRoomPanel', () => {
  it('shows the connection state and the timeline, and sends through the composer', async () => {
    const source = new FakeRoomSource()
    source.create('a', 'hello from the server')
    const wrapper = mountPanel(source)
    expect(wrapper.find('[data-testid="connection-chip"]').attributes('data-state')).toBe('connecting')
    source.events!.onReady()
    await flushPromises()
    expect(wrapper.find('[data-testid="connection-chip"]').attributes('data-state')).toBe('connected')
    expect(wrapper.find('[data-message-id="a"]').text()).toContain('hello from the server')

    await wrapper.find('[data-testid="message-input"]').setValue('my message')
    await wrapper.find('[data-testid="message-input"]').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(source.sendCalls).toEqual(['my message'])
    expect(wrapper.findAll('[data-testid="message-item"]').map((w) => w.text())).toEqual([
      expect.stringContaining('hello from the server'),
      expect.stringContaining('my message'),
    ])
  })

  it('switches to the Input / Subscription columns and back', async () => {
    const source = new FakeRoomSource()
    const wrapper = mountPanel(source)
    source.events!.onReady()
    await flushPromises()
    await wrapper.find('[data-testid="message-input"]').setValue('sent by me')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    source.deliver('onCreate', source.create('other', 'from someone else'))

    const toggle = wrapper.find('[data-testid="view-toggle"]')
    expect(toggle.attributes('aria-pressed')).toBe('false')
    await toggle.trigger('click')
    // The two-column view is an async component: wait for its chunk to load (vite transforms it on first
    // import, which takes as long as the machine makes it), then for the render that follows.
    await import('@/components/TwoColumnView.vue')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="input-column"]').exists()).toBe(true), {
      timeout: WAIT_CEILING_MS,
    })
    expect(toggle.attributes('aria-pressed')).toBe('true')
    expect(wrapper.find('[data-testid="input-column"]').text()).toContain('sent by me')
    expect(wrapper.find('[data-testid="input-column"]').text()).not.toContain('from someone else')
    expect(wrapper.find('[data-testid="subscription-column"]').text()).toContain('from someone else')
    expect(wrapper.find('[data-testid="timeline"]').exists()).toBe(false)

    await toggle.trigger('click')
    expect(wrapper.find('[data-testid="timeline"]').exists()).toBe(true)
  }, 60_000)

  it('gives a refused message back to the field, and clears it once a Retry gets it through', async () => {
    const source = new FakeRoomSource()
    const wrapper = mountPanel(source)
    source.events!.onReady()
    await flushPromises()
    const answer = deferred<ChatMessage>()
    source.nextSend = answer
    const input = wrapper.find('[data-testid="message-input"]')
    await input.setValue('try me')
    await input.trigger('keydown', { key: 'Enter' })
    answer.reject({ errors: [{ message: 'Server says no' }] })
    await flushPromises()
    expect(wrapper.find('[data-testid="message-error"]').text()).toContain('Server says no')
    expect((input.element as HTMLTextAreaElement).value).toBe('try me')

    await wrapper.find('[data-testid="retry-send"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-delivery="failed"]').exists()).toBe(false)
    expect((input.element as HTMLTextAreaElement).value).toBe('')
  })

  it('shows the signed-out slot instead of the composer when posting is not allowed', () => {
    const wrapper = mountPanel(new FakeRoomSource(), { canPost: false })
    expect(wrapper.find('[data-testid="message-input"]').exists()).toBe(false)
    expect(wrapper.find('#signed-out').exists()).toBe(true)
  })

  it('shows a load error with a retry', async () => {
    const source = new FakeRoomSource()
    source.failFetchWith = new Error('Network error')
    const wrapper = mountPanel(source)
    source.events!.onReady()
    await flushPromises()
    expect(wrapper.find('[data-testid="load-error"]').text()).toContain('Network error')
    source.failFetchWith = null
    await wrapper.find('[data-testid="load-error"] button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="load-error"]').exists()).toBe(false)
  })

  it('puts who is here beside the connection and who is typing under the composer', () => {
    const wrapper = mountPanel(
      new FakeRoomSource(),
      {},
      {
        people: () => h('p', { id: 'people' }, 'In this room: ann'),
        status: () => h('p', { id: 'status' }, 'ann is typing'),
      },
    )
    const order = Array.from(
      (wrapper.element as HTMLElement).querySelectorAll('[data-testid="timeline"], #people, #status, form'),
    ).map((node) => node.id || node.getAttribute('data-testid') || node.tagName.toLowerCase())
    // Nothing between the timeline and the composer: the timeline runs down to where one writes.
    expect(order).toEqual(['people', 'timeline', 'form', 'status'])
  })
})
