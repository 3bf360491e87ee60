import { readFile, writeFile } from 'node:fs/promises'

/** The Gen 1 configuration keys `amplify push` writes to src/amplifyconfiguration.json. */
export interface AmplifyGen1Configuration {
  aws_project_region: string
  aws_appsync_graphqlEndpoint: string
  aws_appsync_region: string
  /** The API's default auth mode (API_KEY, AMAZON_COGNITO_USER_POOLS, AWS_IAM, ...), as the CLI writes it. */
  aws_appsync_authenticationType: string
  /** Only when the API has an API key. */
  aws_appsync_apiKey?: string
  // The user pool keys are written only when the project has an auth resource.
  aws_cognito_region?: string
  aws_user_pools_id?: string
  aws_user_pools_web_client_id?: string
  oauth?: Record<string, never>
  aws_cognito_username_attributes?: string[]
  aws_cognito_social_providers?: string[]
  aws_cognito_signup_attributes?: string[]
  aws_cognito_mfa_configuration?: string
  aws_cognito_mfa_types?: string[]
  aws_cognito_password_protection_settings?: {
    passwordPolicyMinLength: number
    passwordPolicyCharacters: string[]
  }
  aws_cognito_verification_mechanisms?: string[]
  /** Not written by the CLI: where the local Cognito pool listens. The app reads it only for loopback endpoints. */
  aws_cognito_local_endpoint?: string
}

export function localAmplifyConfiguration(options: {
  graphqlEndpoint: string
  /** The API's default auth mode. */
  authenticationType: string
  apiKey?: string
  userPool?: { userPoolId: string; userPoolClientId: string; cognitoEndpoint: string }
}): AmplifyGen1Configuration {
  const api = {
    aws_project_region: 'us-east-1',
    aws_appsync_graphqlEndpoint: options.graphqlEndpoint,
    aws_appsync_region: 'us-east-1',
    aws_appsync_authenticationType: options.authenticationType,
    ...(options.apiKey !== undefined && { aws_appsync_apiKey: options.apiKey }),
  }
  if (!options.userPool) return api
  return {
    ...api,
    aws_cognito_region: 'us-east-1',
    aws_user_pools_id: options.userPool.userPoolId,
    aws_user_pools_web_client_id: options.userPool.userPoolClientId,
    oauth: {},
    aws_cognito_username_attributes: ['EMAIL'],
    aws_cognito_social_providers: [],
    aws_cognito_signup_attributes: ['EMAIL'],
    aws_cognito_mfa_configuration: 'OFF',
    aws_cognito_mfa_types: ['SMS'],
    aws_cognito_password_protection_settings: { passwordPolicyMinLength: 8, passwordPolicyCharacters: [] },
    aws_cognito_verification_mechanisms: ['EMAIL'],
    aws_cognito_local_endpoint: options.userPool.cognitoEndpoint,
  }
}

/**
 * Writes the configuration only when its content differs from the file's: the Vite dev server reloads
 * every open tab when the file changes, which would throw away drafts on every backend restart.
 * Returns whether it wrote.
 */
export async function writeAmplifyConfiguration(
  file: string,
  config: AmplifyGen1Configuration,
): Promise<boolean> {
  const text = `${JSON.stringify(config, null, 2)}\n`
  const current = await readFile(file, 'utf8').catch(() => null)
  if (current === text) return false
  await writeFile(file, text)
  return true
}
