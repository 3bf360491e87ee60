import { describe, expect, it, vi } from 'vitest'
import ChatComposer from '@/components/ChatComposer.vue'
import type { SendResult } from '@/composables/useChatRoom'
import { deferred, flushPromises } from './support/deferred'
import { mountWithVuetify } from './support/mountWithVuetify'

function mountComposer(send: (text: string) => Promise<SendResult>) {
  const wrapper = mountWithVuetify(ChatComposer, { props: { send } })
  const input = wrapper.find('[data-testid="message-input"]')
  const button = wrapper.find('[data-testid="send-button"]')
  return { wrapper, input, button }
}

describe('ChatComposer', () => {
  it('sends on Enter and clears the field', async () => {
    const send = vi.fn(async () => ({ ok: true }) as const)
    const { input } = mountComposer(send)
    await input.setValue('hello')
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(send).toHaveBeenCalledWith('hello')
    expect((input.element as HTMLTextAreaElement).value).toBe('')
  })

  it('inserts a new line on Shift+Enter instead of sending', async () => {
    const send = vi.fn(async () => ({ ok: true }) as const)
    const { input } = mountComposer(send)
    await input.setValue('hello')
    await input.trigger('keydown', { key: 'Enter', shiftKey: true })
    expect(send).not.toHaveBeenCalled()
  })

  it('cannot send an empty or blank message', async () => {
    const send = vi.fn(async () => ({ ok: true }) as const)
    const { input, button } = mountComposer(send)
    expect(button.attributes('disabled')).toBeDefined()
    await input.setValue('   ')
    expect(button.attributes('disabled')).toBeDefined()
    await input.trigger('keydown', { key: 'Enter' })
    expect(send).not.toHaveBeenCalled()
    await input.setValue('x')
    expect(button.attributes('disabled')).toBeUndefined()
  })

  it('says why when Enter is pressed on an empty message, until the user types again', async () => {
    const send = vi.fn(async () => ({ ok: true }) as const)
    const { wrapper, input } = mountComposer(send)
    await input.setValue('  ')
    await input.trigger('keydown', { key: 'Enter' })
    expect(wrapper.find('[role="alert"]').text()).toBe('Write a message first.')
    await input.setValue('  x')
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })

  it('counts up to 2,000 characters and refuses more', async () => {
    const send = vi.fn(async () => ({ ok: true }) as const)
    const { wrapper, input, button } = mountComposer(send)
    await input.setValue('x'.repeat(2000))
    expect(wrapper.find('[data-testid="message-counter"]').text()).toBe('2000 / 2000')
    expect(button.attributes('disabled')).toBeUndefined()
    await input.setValue('x'.repeat(2001))
    expect(wrapper.find('[data-testid="message-counter"]').text()).toBe('2001 / 2000')
    expect(button.attributes('disabled')).toBeDefined()
    expect(wrapper.text()).toContain('At most 2000 characters.')
  })

  it('gives the text back when the server refuses it', async () => {
    const answer = deferred<SendResult>()
    const { input, wrapper } = mountComposer(() => answer.promise)
    await input.setValue('refused text')
    await wrapper.find('form').trigger('submit')
    expect((input.element as HTMLTextAreaElement).value).toBe('')
    answer.resolve({ ok: false, reason: 'No.' })
    await flushPromises()
    expect((input.element as HTMLTextAreaElement).value).toBe('refused text')
  })

  it('does not overwrite a new draft when an earlier message fails', async () => {
    const answer = deferred<SendResult>()
    const { input, wrapper } = mountComposer(() => answer.promise)
    await input.setValue('first')
    await wrapper.find('form').trigger('submit')
    await input.setValue('second draft')
    answer.resolve({ ok: false, reason: 'No.' })
    await flushPromises()
    expect((input.element as HTMLTextAreaElement).value).toBe('second draft')
  })

  it('labels the field and the button for assistive technology', () => {
    const { wrapper, input, button } = mountComposer(async () => ({ ok: true }))
    const label = wrapper.find('label')
    expect(label.attributes('for')).toBe(input.attributes('id'))
    expect(label.text()).toBe('Message')
    expect(button.attributes('aria-label')).toBe('Send message')
  })
})

describe('ChatComposer: keyboard hints', () => {
  it('offers keyboard hints where a pointer hovers (a desktop)', () => {
    const { wrapper, input } = mountComposer(async () => ({ ok: true }))
    expect(input.attributes('placeholder')).toBe('Write a message, Enter to send')
    expect(wrapper.find('[data-testid="keyboard-hint"]').text()).toBe('Shift+Enter for a new line')
  })

  it('offers none on a touch screen', () => {
    // The screen is outside this test's subject: a phone's media features.
    const matchMedia = vi.spyOn(window, 'matchMedia').mockImplementation(
      (query: string) =>
        ({
          matches: /pointer: coarse|hover: none/.test(query),
          media: query,
          addEventListener: () => {},
          removeEventListener: () => {},
        }) as unknown as MediaQueryList,
    )
    try {
      const { wrapper, input } = mountComposer(async () => ({ ok: true }))
      expect(input.attributes('placeholder')).toBe('Write a message')
      expect(wrapper.find('[data-testid="keyboard-hint"]').exists()).toBe(false)
      expect(wrapper.text()).not.toMatch(/Enter|Shift/)
    } finally {
      matchMedia.mockRestore()
    }
  })
})
