import { createApp } from 'vue'
import type { createVuetify } from 'vuetify'
import App from '../App.vue'
import type { BackendKind } from '../config/configureAmplify'
import { createAppRouter } from '../router/index'

export function mountChatApp(vuetify: ReturnType<typeof createVuetify>, backend: BackendKind): void {
  createApp(App, { backend }).use(vuetify).use(createAppRouter()).mount('#app')
}
