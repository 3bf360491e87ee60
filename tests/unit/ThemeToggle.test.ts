import { beforeEach, describe, expect, it } from 'vitest'
import ThemeToggle from '@/components/ThemeToggle.vue'
import { THEME_STORAGE_KEY, storedThemeChoice } from '@/plugins/vuetify'
import { mountWithVuetify } from './support/mountWithVuetify'

describe('ThemeToggle', () => {
  beforeEach(() => localStorage.clear())

  it('cycles system → light → dark → system and remembers the choice', async () => {
    const wrapper = mountWithVuetify(ThemeToggle)
    const button = wrapper.find('[data-testid="theme-toggle"]')
    const choice = () => wrapper.find('[data-testid="theme-toggle"]').attributes('data-theme-choice')
    expect(choice()).toBe('system')

    await button.trigger('click')
    expect(choice()).toBe('light')
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('light')
    await button.trigger('click')
    expect(choice()).toBe('dark')
    expect(storedThemeChoice()).toBe('dark')
    await button.trigger('click')
    expect(choice()).toBe('system')
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull()
    expect(button.attributes('aria-label')).toContain('Theme')
  })

  it('ignores a stored value it does not know', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'purple')
    expect(storedThemeChoice()).toBe('system')
  })
})
