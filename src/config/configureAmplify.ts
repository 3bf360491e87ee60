import { Amplify } from '@aws-amplify/core'
import { parseAmplifyConfig } from 'aws-amplify/utils'
import type { AuthenticatorServices } from '../auth/authenticatorServices'
import { deferUserPoolAuth } from '../auth/userPool'
import type { Gen1Config } from './gen1Config'
import { isLocalBackend } from './gen1Config'

export type BackendKind = 'local' | 'cloud'

/** What the app needs to know about the backend it was configured for. */
export interface ConfiguredBackend {
  kind: BackendKind
  /** The Authenticator's overrides: set in local mode only. */
  authenticatorServices?: AuthenticatorServices
}

/**
 * Configures aws-amplify from the Gen 1 file. Everything the local backend needs lives in
 * src/local/, loaded only when the endpoint is a loopback address, so a cloud build never runs it.
 *
 * `Amplify.configure` of '@aws-amplify/core', not of 'aws-amplify': the latter always brings the
 * Cognito token and credentials providers, which API-key calls never use. They are added on first need
 * (auth/userPool.ts), and every user-pool call waits for them.
 */
export async function configureAmplify(config: Gen1Config): Promise<ConfiguredBackend> {
  let resources = parseAmplifyConfig(config)
  let backend: ConfiguredBackend = { kind: 'cloud' }
  if (isLocalBackend(config)) {
    const { enableLocalBackend } = await import('../local/enableLocalBackend')
    const local = enableLocalBackend(config, resources)
    resources = local.resources
    backend = { kind: 'local', authenticatorServices: local.authenticatorServices }
  }
  // The API alone until then: nothing on the first load reads the user pool's settings.
  Amplify.configure({ API: resources.API })
  deferUserPoolAuth(resources)
  return backend
}
