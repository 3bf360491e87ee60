import { createApp } from 'vue'
import type { createVuetify } from 'vuetify'
import MissingConfig from '../components/MissingConfig.vue'

/** Mounts the page that explains how to create src/amplifyconfiguration.json. */
export function showMissingConfig(
  vuetify: ReturnType<typeof createVuetify>,
  reason: 'missing' | 'incomplete',
  missingKeys: string[],
): void {
  createApp(MissingConfig, { reason, missingKeys }).use(vuetify).mount('#app')
}
