import { Router, type Route, type Services } from './cognitoLocalAdapter'
import { confirmSignUpVerifiesContact } from './confirmSignUpVerifiesContact'
import { explainUnsupportedAuthFlow } from './explainUnsupportedAuthFlow'
import { getTokensFromRefreshToken } from './getTokensFromRefreshToken'

/** cognito-local's router with the fixes aws-amplify v6 and the Authenticator need (see README.md). */
export function localCognitoRouter(services: Services): Router {
  const base = Router(services)
  const initiateAuth = explainUnsupportedAuthFlow(base('InitiateAuth'))
  const overrides: Record<string, Route> = {
    InitiateAuth: initiateAuth,
    GetTokensFromRefreshToken: getTokensFromRefreshToken(initiateAuth),
    ConfirmSignUp: confirmSignUpVerifiesContact(base('ConfirmSignUp'), services.cognito),
  }
  return (target) => overrides[target] ?? base(target)
}
