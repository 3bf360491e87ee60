import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import ChatMessageItem from '@/components/ChatMessageItem.vue'
import type { SignedInUser } from '@/auth/userPool'
import { signUpFormFields, validateSignUp, withSignUpValidation } from '@/auth/signUpForm'
import { useDisplayName } from '@/composables/useDisplayName'
import { displayNameProblem } from '@/domain/displayName'
import { mountWithVuetify } from './support/mountWithVuetify'

const RULE = /Display name must be 2 to 32 letters, digits, '\.', '-' or '_'/

describe('the display-name rule (the same as the server)', () => {
  it.each(['Al', 'Ann', 'ann.lee', 'ANN_2', 'a-b', 'x'.repeat(32)])('accepts %s', (name) => {
    expect(displayNameProblem(name)).toBeNull()
  })

  it.each([
    ['one character', 'A'],
    ['33 characters', 'x'.repeat(33)],
    ['a space', 'Ann Lee'],
    ['a Cyrillic a that looks Latin', '\u0430nn'],
    ['an accented letter', 'Zoë'],
    ['an e-mail address', 'ann@example.com'],
    ['markup', '<b>'],
  ])('refuses %s, with the rule', (_what, name) => {
    expect(displayNameProblem(name)).toMatch(RULE)
  })

  it('asks for one when empty', () => {
    expect(displayNameProblem('')).toMatch(/Choose a display name/)
    expect(displayNameProblem('   ')).toMatch(/Choose a display name/)
  })
})

describe('the sign-up form', () => {
  it('has a required "Display name" field for preferred_username', () => {
    expect(signUpFormFields.signUp.preferred_username).toMatchObject({
      label: 'Display name',
      isRequired: true,
    })
  })

  it('reports a malformed display name on the field, and nothing for a good one', async () => {
    expect(await validateSignUp({ preferred_username: 'Ann Lee' })).toEqual({
      preferred_username: expect.stringMatching(RULE),
    })
    expect(await validateSignUp({ preferred_username: 'Ann' })).toBeUndefined()
  })

  it('reports an empty field once touched, not before', async () => {
    expect(await validateSignUp({ preferred_username: '' })).toBeUndefined()
    expect(await validateSignUp({ preferred_username: '' }, { preferred_username: true })).toEqual({
      preferred_username: expect.stringMatching(/Choose a display name/),
    })
  })

  it("keeps local mode's sign-in and sign-up services next to the validation", () => {
    const handleSignIn = async () => ({}) as never
    expect(withSignUpValidation({ handleSignIn })).toMatchObject({
      handleSignIn,
      validateCustomSignUp: validateSignUp,
    })
    expect(withSignUpValidation(undefined).validateCustomSignUp).toBe(validateSignUp)
  })
})

const taken = {
  errors: [
    {
      message:
        "The display name 'alice' is taken (names are compared without regard to letter case): choose another.",
      errorType: 'DisplayNameTaken',
    },
  ],
}

function setUp(initial: SignedInUser | null, claim: () => Promise<string>) {
  const user = ref<SignedInUser | null>(initial)
  const changes: string[] = []
  const scope = effectScope()
  const state = scope.run(() =>
    useDisplayName(
      user,
      async () => {
        if (user.value) user.value = { ...user.value, chosenName: changes.at(-1) ?? null }
      },
      () => ({ names: { claim }, change: async (name) => void changes.push(name) }),
    ),
  )!
  return { user, state, changes, stop: () => scope.stop() }
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await nextTick()
}

describe('useDisplayName', () => {
  it('is ready once the name in the token is claimed', async () => {
    const { state, stop } = setUp(
      { username: 'u1', displayName: 'Ann', chosenName: 'Ann', groups: [] },
      async () => 'Ann',
    )
    await settle()
    expect(state.status.value).toBe('ready')
    stop()
  })

  it('asks an account without a display name to choose one', async () => {
    const { state, stop } = setUp(
      { username: 'u1', displayName: 'u1', chosenName: null, groups: [] },
      async () => 'x',
    )
    await settle()
    expect(state.status.value).toBe('needed')
    expect(state.problem.value).toBeNull()
    stop()
  })

  it("asks again, with the server's reason, when the name is taken in another case", async () => {
    const { state, stop } = setUp(
      { username: 'u2', displayName: 'alice', chosenName: 'alice', groups: [] },
      () => Promise.reject(taken),
    )
    await settle()
    expect(state.status.value).toBe('needed')
    expect(state.problem.value).toMatch(/'alice' is taken/)
    stop()
  })

  it('refuses a malformed choice in the browser, and saves and claims a good one', async () => {
    const claimed: string[] = []
    const { state, changes, stop } = setUp(
      { username: 'u3', displayName: 'u3', chosenName: null, groups: [] },
      async () => {
        claimed.push('claim')
        return 'Carol'
      },
    )
    await settle()
    expect(await state.choose('Carol Lee')).toBe(false)
    expect(state.problem.value).toMatch(RULE)
    expect(changes).toEqual([])
    expect(await state.choose('Carol')).toBe(true)
    expect(changes).toEqual(['Carol'])
    expect(state.status.value).toBe('ready')
    expect(claimed.length).toBeGreaterThan(0)
    stop()
  })
})

describe('own messages', () => {
  it('are marked, and the mark names nobody else', () => {
    const mine = mountWithVuetify(ChatMessageItem, {
      props: {
        entry: {
          id: 'm1',
          message: 'hi',
          createdAt: '2026-01-01T10:00:00.000Z',
          delivery: 'sent',
          authorName: 'Ann',
          owner: 'u1',
        },
        showAuthor: true,
        mine: true,
      },
    })
    expect(mine.find('[data-testid="message-item"]').attributes('data-mine')).toBe('true')
    expect(mine.find('[data-testid="message-mine"]').text()).toBe('(you)')
    const theirs = mountWithVuetify(ChatMessageItem, {
      props: {
        entry: {
          id: 'm2',
          message: 'hi',
          createdAt: '2026-01-01T10:00:00.000Z',
          delivery: 'sent',
          authorName: 'Bob',
          owner: 'u2',
        },
        showAuthor: true,
      },
    })
    expect(theirs.find('[data-testid="message-item"]').attributes('data-mine')).toBeUndefined()
    expect(theirs.find('[data-testid="message-mine"]').exists()).toBe(false)
  })
})
