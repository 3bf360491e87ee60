import { describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import AppHeader from '@/components/AppHeader.vue'
import { mountWithVuetify } from './support/mountWithVuetify'

// The session is outside this test's subject: signed out.
vi.mock('@/auth/userPool', () => ({
  currentUser: async () => null,
  onAuthChange: () => () => {},
  signOut: async () => {},
}))

function appRouter() {
  const page = { render: () => null }
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: page },
      { path: '/open', component: page },
      { path: '/rooms/:room', component: page },
      { path: '/closed/:room', component: page },
      { path: '/signin', component: page },
    ],
  })
}

const activeLinks = (wrapper: ReturnType<typeof mountWithVuetify>) =>
  wrapper
    .findAll('[data-testid^="nav-"]')
    .filter((link) => link.attributes('aria-current') === 'page')
    .map((link) => link.attributes('data-testid'))

describe('AppHeader', () => {
  it('marks the link of the current section, /rooms and /closed included', async () => {
    const router = appRouter()
    await router.push('/rooms/room2')
    const wrapper = mountWithVuetify(AppHeader, {
      props: { backend: 'cloud' },
      global: { plugins: [router] },
    })
    expect(activeLinks(wrapper)).toEqual(['nav-rooms'])
    expect(wrapper.find('[data-testid="nav-rooms"]').classes()).toContain('v-btn--active')
    await router.push('/')
    expect(activeLinks(wrapper)).toEqual(['nav-home'])
    await router.push('/signin')
    expect(activeLinks(wrapper)).toEqual([])
  })

  it('marks no link before the first navigation has resolved (Home would flash on a deep link)', () => {
    const wrapper = mountWithVuetify(AppHeader, {
      props: { backend: 'cloud' },
      global: { plugins: [appRouter()] },
    })
    expect(activeLinks(wrapper)).toEqual([])
    expect(wrapper.find('[data-testid="nav-home"]').classes()).not.toContain('v-btn--active')
  })

  it('shows the local-backend badge in local mode only', async () => {
    const router = appRouter()
    await router.push('/')
    const local = mountWithVuetify(AppHeader, { props: { backend: 'local' }, global: { plugins: [router] } })
    const cloud = mountWithVuetify(AppHeader, { props: { backend: 'cloud' }, global: { plugins: [router] } })
    expect(local.find('[data-testid="local-backend-chip"]').exists()).toBe(true)
    expect(cloud.find('[data-testid="local-backend-chip"]').exists()).toBe(false)
  })
})
