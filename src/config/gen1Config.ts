/** The Gen 1 keys of src/amplifyconfiguration.json this app reads (written by `amplify pull` or `npm run backend`). */
export interface Gen1Config {
  aws_project_region?: string
  aws_appsync_graphqlEndpoint?: string
  aws_appsync_region?: string
  aws_appsync_authenticationType?: string
  aws_appsync_apiKey?: string
  aws_cognito_region?: string
  aws_user_pools_id?: string
  aws_user_pools_web_client_id?: string
  /** Written by the local backend when its Cognito emulator is not on the default port. */
  aws_cognito_local_endpoint?: string
  [key: string]: unknown
}

const REQUIRED_KEYS = [
  'aws_appsync_graphqlEndpoint',
  'aws_appsync_apiKey',
  'aws_user_pools_id',
  'aws_user_pools_web_client_id',
] as const

/** The required keys that are missing or empty. */
export function missingConfigKeys(config: Gen1Config): string[] {
  return REQUIRED_KEYS.filter((key) => typeof config[key] !== 'string' || config[key] === '')
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/** A loopback GraphQL endpoint means the local backend: the only thing that switches local mode on. */
export function isLocalBackend(config: Gen1Config): boolean {
  const endpoint = config.aws_appsync_graphqlEndpoint
  if (typeof endpoint !== 'string') return false
  try {
    return isLoopbackHost(new URL(endpoint).hostname)
  } catch {
    return false
  }
}
