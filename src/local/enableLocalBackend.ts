import type { ResourcesConfig } from 'aws-amplify'
import type { SignInInput, SignUpInput } from 'aws-amplify/auth'
import type { AuthenticatorServices } from '../auth/authenticatorServices'
import type { Gen1Config } from '../config/gen1Config'
import { installLoopbackWebSocket } from './loopbackWebSocket'
import { quietCustomEndpointNotice } from './quietCustomEndpointNotice'

// The local Cognito emulator (cognito-local) supports USER_PASSWORD_AUTH and refresh only; Amplify's
// default SRP flow gets "unsupported feature". Used for sign-in and for the auto sign-in after sign-up.
const LOCAL_AUTH_FLOW = 'USER_PASSWORD_AUTH' as const

// aws-amplify/auth's sign-in code is imported when someone signs in, not on every page load.
export async function localSignIn(input: SignInInput) {
  const { signIn } = await import('./localAuthCalls')
  return signIn({ ...input, options: { ...input.options, authFlowType: LOCAL_AUTH_FLOW } })
}

export async function localSignUp(input: SignUpInput) {
  const { signUp } = await import('./localAuthCalls')
  const autoSignIn = input.options?.autoSignIn
  return signUp({
    ...input,
    options: {
      ...input.options,
      userAttributes: input.options?.userAttributes ?? {},
      autoSignIn:
        autoSignIn === false
          ? false
          : { ...(typeof autoSignIn === 'object' ? autoSignIn : {}), authFlowType: LOCAL_AUTH_FLOW },
    },
  })
}

/** The local Cognito emulator: the configured key, else port 9229 on the GraphQL endpoint's host. */
export function localCognitoEndpoint(config: Gen1Config): string {
  if (typeof config.aws_cognito_local_endpoint === 'string' && config.aws_cognito_local_endpoint !== '') {
    return config.aws_cognito_local_endpoint
  }
  const { hostname } = new URL(String(config.aws_appsync_graphqlEndpoint))
  return `http://${hostname}:9229`
}

export interface LocalBackend {
  /** The configuration to pass to Amplify. */
  resources: ResourcesConfig
  /** For the Authenticator on the sign-in page (provided to the app, see auth/authenticatorServices.ts). */
  authenticatorServices: AuthenticatorServices
}

/**
 * Local mode, entered only for a loopback GraphQL endpoint, and every way it differs from the cloud:
 * the Cognito emulator's endpoint, its sign-in flow, and ws:// for the real-time socket.
 */
export function enableLocalBackend(config: Gen1Config, resources: ResourcesConfig): LocalBackend {
  installLoopbackWebSocket(String(config.aws_appsync_graphqlEndpoint))
  // The custom endpoint below is the point of local mode: no notice about it on every page.
  quietCustomEndpointNotice()
  const authenticatorServices = { handleSignIn: localSignIn, handleSignUp: localSignUp }
  const cognito = resources.Auth?.Cognito
  if (!cognito) return { resources, authenticatorServices }
  // The Cognito config type is a union (user pool and/or identity pool); a Gen 1 file with a user pool
  // parses to the user-pool member, which has userPoolEndpoint.
  const Auth = { ...resources.Auth, Cognito: { ...cognito, userPoolEndpoint: localCognitoEndpoint(config) } }
  return { resources: { ...resources, Auth: Auth as ResourcesConfig['Auth'] }, authenticatorServices }
}
