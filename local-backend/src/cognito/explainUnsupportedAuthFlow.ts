import { InvalidParameterError, type Route } from './cognitoLocalAdapter'

const supportedFlows = new Set(['USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN'])

/**
 * Amplify signs in with SRP unless told otherwise; cognito-local answers that with a bare 500
 * "unsupported feature". A 400 that names the fix lets the person (and Amplify's error) see what to change.
 */
export function explainUnsupportedAuthFlow(initiateAuth: Route): Route {
  return (ctx, req: { AuthFlow?: string }) => {
    if (!supportedFlows.has(req.AuthFlow ?? '')) {
      return Promise.reject(
        new InvalidParameterError(
          `The local Cognito user pool does not support the ${req.AuthFlow} sign-in flow. ` +
            `Sign in with authFlowType: 'USER_PASSWORD_AUTH' (Amplify's default, USER_SRP_AUTH, needs real Cognito).`,
        ),
      )
    }
    return initiateAuth(ctx, req)
  }
}
