import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { I18n } from 'aws-amplify/utils'
import { AUTHENTICATOR_SERVICES } from '@/auth/authenticatorServices'
import type { AuthenticatorServices } from '@/auth/authenticatorServices'
import { validateSignUp } from '@/auth/signUpForm'
import { deferred, flushPromises } from './support/deferred'
import { mountWithVuetify } from './support/mountWithVuetify'

// The Authenticator itself is outside this test's subject (Amplify UI's own); a stub records its props.
const authenticatorProps: Record<string, unknown>[] = []
vi.mock('@aws-amplify/ui-vue', () => ({
  Authenticator: defineComponent({
    props: {
      services: { type: Object, default: undefined },
      signUpAttributes: { type: Array, default: undefined },
      formFields: { type: Object, default: undefined },
    },
    setup(props) {
      authenticatorProps.push({ ...props })
      return () => h('div')
    },
  }),
}))
vi.mock('@aws-amplify/ui-vue/styles.css', () => ({}))

// The session is faked: signed out until the test signs in through the Hub-like listener.
let signedIn: { username: string; displayName: string } | null = null
let authListener: (() => void) | null = null
// The Cognito providers' set-up: done at once unless a test holds it.
let providers: Promise<void> = Promise.resolve()
vi.mock('@/auth/userPool', () => ({
  userPoolAuthReady: () => providers,
  currentUser: async () => signedIn,
  onAuthChange: (listener: () => void) => {
    authListener = listener
    return () => {}
  },
  signOut: async () => {},
}))

enableAutoUnmount(afterEach)

async function mountAt(path: string, services?: AuthenticatorServices) {
  const { default: SignInPage } = await import('@/pages/SignInPage.vue')
  const elsewhere = () => h('p', 'elsewhere')
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/signin', component: SignInPage },
      { path: '/:rest(.*)*', component: elsewhere },
    ],
  })
  await router.push(path)
  const wrapper = mountWithVuetify(SignInPage, {
    global: { plugins: [router], provide: { [AUTHENTICATOR_SERVICES]: services } },
  })
  await flushPromises()
  return { wrapper, router }
}

describe('SignInPage', () => {
  beforeEach(() => {
    signedIn = null
    providers = Promise.resolve()
    authenticatorProps.length = 0
  })

  it('passes the sign-in flow overrides the app provides in local mode to the Authenticator', async () => {
    const handleSignIn = vi.fn()
    const { wrapper } = await mountAt('/signin', { handleSignIn })
    // The page's test hook wraps the Authenticator (which renders a fragment).
    expect(wrapper.find('[data-testid="authenticator"]').exists()).toBe(true)
    expect(authenticatorProps[0].services).toEqual({ handleSignIn, validateCustomSignUp: validateSignUp })
  })

  it('asks for a display name at sign-up, checked in the browser', async () => {
    await mountAt('/signin')
    expect(authenticatorProps[0]).toMatchObject({
      signUpAttributes: ['preferred_username'],
      formFields: { signUp: { preferred_username: { label: 'Display name', isRequired: true } } },
    })
  })

  // Signed out, the session check answers without loading the Cognito code; a sign-in through the
  // Authenticator before the providers were set up failed with "Auth UserPool not configured".
  it('shows the Authenticator only once the Cognito providers are set up', async () => {
    const setUp = deferred<void>()
    providers = setUp.promise
    const { wrapper } = await mountAt('/signin')
    expect(wrapper.find('[data-testid="authenticator"]').exists()).toBe(false)
    setUp.resolve()
    await flushPromises()
    expect(wrapper.find('[data-testid="authenticator"]').exists()).toBe(true)
  })

  it("passes no sign-in flow against the cloud, where the Authenticator keeps Amplify's own", async () => {
    await mountAt('/signin')
    expect(authenticatorProps).toHaveLength(1)
    expect(authenticatorProps[0].services).toEqual({ validateCustomSignUp: validateSignUp })
  })

  it('returns to the page the user came from once signed in, and only to an in-app path', async () => {
    const { router } = await mountAt('/signin?redirect=/closed/room2')
    expect(router.currentRoute.value.path).toBe('/signin')
    signedIn = { username: 'alice', displayName: 'alice@example.com' }
    authListener?.()
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/closed/room2')
  })

  // cognito-local prints the confirmation code in the backend's terminal; the Authenticator's sentence
  // promised an e-mail.
  it('says where the confirmation code is in local mode only', async () => {
    const emailed = 'Your code is on the way. To log in, enter the code we emailed to'
    const reset = { [emailed]: emailed }
    I18n.putVocabularies({ en: reset, [navigator.language]: reset })
    await mountAt('/signin')
    expect(I18n.get(emailed)).toBe(emailed)
    await mountAt('/signin', { handleSignIn: vi.fn() })
    expect(I18n.get(emailed)).toContain('printed in the terminal running `npm run backend`')
  })
})
