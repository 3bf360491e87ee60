import { createApp } from 'vue'
import type { createVuetify } from 'vuetify'
import App from '../App.vue'
import { AUTHENTICATOR_SERVICES } from '../auth/authenticatorServices'
import type { ConfiguredBackend } from '../config/configureAmplify'
import { createAppRouter } from '../router/index'

export function mountChatApp(vuetify: ReturnType<typeof createVuetify>, backend: ConfiguredBackend): void {
  createApp(App, { backend: backend.kind })
    .provide(AUTHENTICATOR_SERVICES, backend.authenticatorServices)
    .use(vuetify)
    .use(createAppRouter())
    .mount('#app')
}
