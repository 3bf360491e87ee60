import { Amplify } from 'aws-amplify'
import type { ResourcesConfig } from 'aws-amplify'

/**
 * Loaded by userPoolAuth.ts after the first paint. aws-amplify's `Amplify.configure` is the one that
 * wires the default Cognito token and credentials providers (tokens in localStorage); API clients
 * read the new configuration on their next call.
 */
export function configureUserPoolAuth(resources: ResourcesConfig): void {
  Amplify.configure(resources)
}
