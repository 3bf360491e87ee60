import { Amplify } from '@aws-amplify/core'
import { parseAmplifyConfig } from 'aws-amplify/utils'
import type { Gen1Config } from './gen1Config'
import { isLocalBackend } from './gen1Config'
import { deferUserPoolAuth } from './userPoolAuth'

export type BackendKind = 'local' | 'cloud'

/**
 * Configures aws-amplify from the Gen 1 file. Everything the local backend needs lives in
 * src/local/, loaded only when the endpoint is a loopback address, so a cloud build never runs it.
 *
 * `Amplify.configure` of '@aws-amplify/core', not of 'aws-amplify': the latter always brings the
 * Cognito token and credentials providers (~9 KB gzip off /open's first load, 12 KB loaded later),
 * which API-key calls never use. They are added after the first paint (userPoolAuth.ts), and every
 * user-pool call waits for them.
 */
export async function configureAmplify(config: Gen1Config): Promise<BackendKind> {
  let resources = parseAmplifyConfig(config)
  let kind: BackendKind = 'cloud'
  if (isLocalBackend(config)) {
    const { enableLocalBackend } = await import('../local/enableLocalBackend')
    resources = enableLocalBackend(config, resources)
    kind = 'local'
  }
  // The API alone until then: nothing on the first load reads the user pool's settings.
  Amplify.configure({ API: resources.API })
  deferUserPoolAuth(resources)
  return kind
}
