import { Amplify } from 'aws-amplify'
import { parseAmplifyConfig } from 'aws-amplify/utils'
import type { Gen1Config } from './gen1Config'
import { isLocalBackend } from './gen1Config'

export type BackendKind = 'local' | 'cloud'

/**
 * Configures aws-amplify from the Gen 1 file. Everything the local backend needs lives in
 * src/local/, loaded only when the endpoint is a loopback address, so a cloud build never runs it.
 */
export async function configureAmplify(config: Gen1Config): Promise<BackendKind> {
  const resources = parseAmplifyConfig(config)
  if (isLocalBackend(config)) {
    const { enableLocalBackend } = await import('../local/enableLocalBackend')
    Amplify.configure(enableLocalBackend(config, resources))
    return 'local'
  }
  Amplify.configure(resources)
  return 'cloud'
}
