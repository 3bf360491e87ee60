import type { ResourcesConfig } from 'aws-amplify'
import type { SignInInput, SignUpInput } from 'aws-amplify/auth'
import { setAuthenticatorServices } from '../auth/authenticatorServices'
import type { Gen1Config } from '../config/gen1Config'
import { localCognitoEndpoint } from '../config/gen1Config'
import { installLoopbackWebSocket } from './loopbackWebSocket'

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

/**
 * Local mode, entered only for a loopback GraphQL endpoint: the Cognito emulator's endpoint, its
 * sign-in flow, and ws:// for the real-time socket. Returns the configuration to pass to Amplify.
 */
export function enableLocalBackend(config: Gen1Config, resources: ResourcesConfig): ResourcesConfig {
  installLoopbackWebSocket(String(config.aws_appsync_graphqlEndpoint))
  setAuthenticatorServices({ handleSignIn: localSignIn, handleSignUp: localSignUp })
  const cognito = resources.Auth?.Cognito
  if (!cognito) return resources
  // The Cognito config type is a union (user pool and/or identity pool); a Gen 1 file with a user pool
  // parses to the user-pool member, which has userPoolEndpoint.
  const Auth = { ...resources.Auth, Cognito: { ...cognito, userPoolEndpoint: localCognitoEndpoint(config) } }
  return { ...resources, Auth: Auth as ResourcesConfig['Auth'] }
}
