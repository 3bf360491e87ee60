import { describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { VBtn } from 'vuetify/components/VBtn'
import AppButton from '@/components/AppButton.vue'
import { mountWithVuetify } from './support/mountWithVuetify'

// AppButton stands in for v-btn on the first load and draws with v-btn's stylesheet, so it must produce
// v-btn's markup. VBtn itself is the reference here: each case is rendered by both and compared.

async function routerAt(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:rest(.*)*', component: { render: () => null } }],
  })
  await router.push(path)
  return router
}

/** The element tree as tag, sorted classes and attributes, recursively; comments and whitespace dropped. */
function shape(element: Element): unknown {
  const attributes = Object.fromEntries(
    [...element.attributes]
      .filter((attribute) => attribute.name !== 'class')
      .map((attribute) => [attribute.name, attribute.value]),
  )
  return {
    tag: element.tagName.toLowerCase(),
    classes: [...new Set(element.classList)].sort(),
    attributes,
    text: [...element.childNodes]
      .filter((node) => node.nodeType === 3)
      .map((node) => node.textContent?.trim())
      .join(''),
    children: [...element.children].map(shape),
  }
}

async function render(component: unknown, props: Record<string, unknown>, path = '/open') {
  const router = await routerAt(path)
  const wrapper = mountWithVuetify(
    { render: () => h(component as never, props, props.slot ? () => props.slot : undefined) },
    { global: { plugins: [router] } },
  )
  return { wrapper, router }
}

const CASES: Record<string, Record<string, unknown>> = {
  'app bar link, active': {
    to: '/open',
    active: true,
    'aria-current': 'page',
    prependIcon: 'M1 1',
    variant: 'text',
    text: 'Open Chat',
    'aria-label': 'Open Chat',
    title: 'Open Chat',
    'data-testid': 'nav-open',
  },
  'app bar link, icon only, inactive': { to: '/', active: false, icon: 'M2 2', variant: 'text' },
  'sign-in link active on its own route': {
    to: '/open',
    prependIcon: 'M3 3',
    text: 'Sign in',
    variant: 'text',
  },
  'icon button': { icon: 'M4 4', variant: 'text', 'aria-label': 'Sign out' },
  'send button, disabled': {
    type: 'submit',
    color: 'primary',
    icon: 'M5 5',
    disabled: true,
    class: 'mb-6',
    'data-testid': 'send-button',
  },
  'send button, enabled': { type: 'submit', color: 'primary', icon: 'M5 5' },
  'tonal toggle': {
    prependIcon: 'M6 6',
    variant: 'tonal',
    color: 'primary',
    size: 'small',
    'aria-pressed': true,
    slot: 'Input / Subscription view',
  },
  'small tonal error': { size: 'small', variant: 'tonal', color: 'error', slot: 'Retry' },
  'x-small icon': { size: 'x-small', variant: 'text', icon: 'M7 7' },
  'small text': { size: 'small', variant: 'text', slot: 'Discard' },
}

describe('AppButton draws what v-btn draws', () => {
  for (const [name, props] of Object.entries(CASES)) {
    it(name, async () => {
      const reference = await render(VBtn, props)
      const light = await render(AppButton, props)
      expect(shape(light.wrapper.element)).toEqual(shape(reference.wrapper.element))
    })
  }

  it('while loading: busy, out of the tab order, with the circular progress markup', async () => {
    const props = { size: 'small', variant: 'text', loading: true, slot: 'Load older messages' }
    const reference = await render(VBtn, props)
    const light = await render(AppButton, props)
    const strip = (element: Element) => {
      // VBtn adds its loader's inline rotation in a different notation; the progress element is compared
      // without that style.
      element.querySelectorAll('svg').forEach((svg) => svg.removeAttribute('style'))
      return shape(element)
    }
    expect(strip(light.wrapper.element)).toEqual(strip(reference.wrapper.element))
  })
})

describe('AppButton behaviour', () => {
  it('navigates as a router link, and is active on its route', async () => {
    const { wrapper, router } = await render(AppButton, { to: '/closed', text: 'Closed', variant: 'text' })
    const link = wrapper.find('a')
    expect(link.attributes('href')).toBe('/closed')
    expect(link.classes()).not.toContain('v-btn--active')
    await link.trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/closed'))
    expect(wrapper.find('a').classes()).toContain('v-btn--active')
    expect(wrapper.find('a').attributes('aria-current')).toBe('page')
  })

  it('emits clicks as a button, and none while disabled', async () => {
    const onClick = vi.fn()
    const enabled = await render(AppButton, { text: 'Go', onClick })
    await enabled.wrapper.find('button').trigger('click')
    expect(onClick).toHaveBeenCalledTimes(1)
    const disabled = await render(AppButton, { text: 'Go', disabled: true, onClick })
    expect(disabled.wrapper.find('button').attributes('disabled')).toBeDefined()
    await disabled.wrapper.find('button').trigger('click')
    expect(onClick).toHaveBeenCalledTimes(1)
  })
})
