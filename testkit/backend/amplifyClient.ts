import { Amplify } from 'aws-amplify'
import { decodeJWT, type TokenProvider } from 'aws-amplify/auth'
import { generateClient } from 'aws-amplify/api'
import type { AmplifyGen1Configuration } from '../../local-backend/src/config/amplifyConfiguration'
import { installNodeWebSocket } from './nodeWebSocket'
import type { TestUser } from './cognitoUsers'

/**
 * aws-amplify v6 configured from the same Gen 1 JSON the app loads. Identities switch through Amplify's
 * documented token-provider hook instead of signing in and out between calls: the tokens are real tokens of
 * the local pool; only Amplify's session storage, which is not under test here, is bypassed.
 */
export function configureAmplify(
  config: AmplifyGen1Configuration,
  /** IAM credentials for authMode 'iam' (a trusted server's; locally the backend's local credentials). */
  iamCredentials?: { accessKeyId: string; secretAccessKey: string },
) {
  installNodeWebSocket()
  let current: TestUser | undefined
  const tokenProvider: TokenProvider = {
    getTokens: async () =>
      current ? { accessToken: decodeJWT(current.accessToken), idToken: decodeJWT(current.idToken) } : null,
  }
  Amplify.configure(config as unknown as Parameters<typeof Amplify.configure>[0], {
    Auth: {
      tokenProvider,
      ...(iamCredentials
        ? {
            credentialsProvider: {
              getCredentialsAndIdentityId: async () => ({ credentials: iamCredentials }),
              clearCredentialsAndIdentityId: () => {},
            },
          }
        : {}),
    },
  })
  return {
    client: generateClient(),
    /** Calls with authMode 'userPool' use this user's tokens from now on (undefined: nobody signed in). */
    signInAs(user: TestUser | undefined) {
      current = user
    },
  }
}
