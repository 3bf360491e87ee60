import { mountChatApp } from './app/mountChatApp'
import { configureAmplify } from './config/configureAmplify'
import { loadAmplifyConfig } from './config/loadAmplifyConfig'
import { createAppVuetify } from './plugins/vuetify'

async function bootstrap(): Promise<void> {
  const vuetify = createAppVuetify()
  const result = loadAmplifyConfig()
  if (!result.ok) {
    // No backend configured: say how to get one instead of showing a blank page. Loaded on demand, as
    // a configured app never shows it.
    const { showMissingConfig } = await import('./app/showMissingConfig')
    showMissingConfig(vuetify, result.reason, result.missingKeys)
    return
  }
  mountChatApp(vuetify, await configureAmplify(result.config))
}

void bootstrap()
