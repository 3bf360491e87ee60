import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount } from '@vue/test-utils'
import EditMessageDialog from '@/components/EditMessageDialog.vue'
import type { TimelineEntry } from '@/domain/chatMessage'
import { flushPromises } from './support/deferred'
import { mountWithVuetify } from './support/mountWithVuetify'

enableAutoUnmount(afterEach)
// happy-dom has no visualViewport, which Vuetify's overlay positioning reads (outside this test's subject).
if (!('visualViewport' in globalThis)) {
  vi.stubGlobal('visualViewport', Object.assign(new EventTarget(), { width: 1024, height: 768, scale: 1 }))
}

const entry: TimelineEntry = {
  id: 'm1',
  message: 'first',
  createdAt: '2026-01-01T10:00:00.000Z',
  delivery: 'sent',
}

function field(): HTMLTextAreaElement {
  const area = document.body.querySelector<HTMLTextAreaElement>('[data-testid="edit-message-input"] textarea')
  if (!area) throw new Error('no edit field')
  return area
}

describe('EditMessageDialog', () => {
  // As in the composer: Enter saves, Shift+Enter is a new line.
  it('saves on Enter and keeps Shift+Enter for a new line', async () => {
    const save = vi.fn(async () => ({ ok: true as const }))
    mountWithVuetify(EditMessageDialog, { props: { entry, save }, attachTo: document.body })
    await flushPromises()

    const shifted = new KeyboardEvent('keydown', {
      key: 'Enter',
      shiftKey: true,
      bubbles: true,
      cancelable: true,
    })
    field().dispatchEvent(shifted)
    expect(shifted.defaultPrevented).toBe(false)
    expect(save).not.toHaveBeenCalled()

    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
    field().dispatchEvent(enter)
    await flushPromises()
    expect(enter.defaultPrevented).toBe(true)
    expect(save).toHaveBeenCalledWith('m1', 'first')
  })
})
