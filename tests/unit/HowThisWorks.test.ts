import { describe, expect, it } from 'vitest'
import { h } from 'vue'
import HowThisWorks from '@/components/HowThisWorks.vue'
import { mountWithVuetify } from './support/mountWithVuetify'

describe('HowThisWorks', () => {
  it('folds the explanation away behind a disclosure button next to the heading', async () => {
    const wrapper = mountWithVuetify(HowThisWorks, {
      attachTo: document.body,
      slots: { heading: () => h('h1', 'Open Chat'), default: () => h('p', 'Every call uses the API key.') },
    })
    const toggle = wrapper.find('[data-testid="how-this-works-toggle"]')
    const body = wrapper.find('[data-testid="how-this-works"]')
    expect(wrapper.find('h1').text()).toBe('Open Chat')
    expect(toggle.text()).toBe('How this works')
    expect(toggle.attributes('aria-controls')).toBe(body.attributes('id'))
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(body.isVisible()).toBe(false)
    // Folded, but in the page.
    expect(body.text()).toBe('Every call uses the API key.')

    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(body.isVisible()).toBe(true)
    expect(body.attributes('role')).toBe('region')

    await toggle.trigger('click')
    expect(body.isVisible()).toBe(false)
    wrapper.unmount()
  })
})
