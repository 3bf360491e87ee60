import 'vuetify/styles'
// Pages use v-container's class and stylesheet without its component (a div with a class needs no code).
import 'vuetify/lib/components/VGrid/VContainer.css'
import { createVuetify } from 'vuetify'
import { mdi } from 'vuetify/iconsets/mdi-svg'
import { iconAliases } from './iconAliases'

// Components are imported where used (vite-plugin-vuetify autoImport); icons are @mdi/js SVG paths,
// so no icon font is shipped. The theme follows the system preference until the user picks one.
export const THEME_STORAGE_KEY = 'chat-theme'
export type ThemeChoice = 'system' | 'light' | 'dark'

export function storedThemeChoice(): ThemeChoice {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY)
    return value === 'light' || value === 'dark' ? value : 'system'
  } catch {
    return 'system'
  }
}

export function createAppVuetify() {
  return createVuetify({
    icons: { defaultSet: 'mdi', aliases: iconAliases, sets: { mdi } },
    theme: {
      defaultTheme: storedThemeChoice(),
      // Light: state colours dark enough for icons on white (3:1 and more), and medium-emphasis text
      // (field labels, secondary lines) at 4.5:1 and more; Vuetify's defaults are below both.
      themes: {
        light: {
          colors: { primary: '#1565c0', secondary: '#00897b', success: '#2e7d32', info: '#1976d2' },
          variables: { 'medium-emphasis-opacity': 0.68 },
        },
        dark: { colors: { primary: '#90caf9', secondary: '#80cbc4' } },
      },
    },
  })
}
