import { Router, type Route, type Services } from './cognitoLocalAdapter'
import { challengeSessions } from './challengeSessions'
import { confirmSignUpVerifiesContact } from './confirmSignUpVerifiesContact'
import { explainUnsupportedAuthFlow } from './explainUnsupportedAuthFlow'
import { getTokensFromRefreshToken } from './getTokensFromRefreshToken'
import { codeAttemptLimit, signInLockout } from './guessingLimits'
import {
  changePasswordAgainstStoredHash,
  codeCheckWithLimit,
  passwordSignInWithLockout,
} from './limitGuessing'
import { passwordMatches } from './passwordHashing'
import { adminListGroupsForUserByAlias } from './userPoolGroups'
import { refuseUnwritableAttributes } from './refuseUnwritableAttributes'
import {
  ACCESS_TOKEN_OPERATIONS,
  accessTokenCheck,
  requireVerifiedAccessToken,
} from './requireVerifiedAccessToken'

export interface LocalCognitoRouterOptions {
  /** Milliseconds since the epoch, for the checks made here (token expiry); tests move it. */
  now?: () => number
}

/** cognito-local's router with the fixes aws-amplify v6 and the Authenticator need, and Cognito's checks (see README.md). */
export function localCognitoRouter(
  services: Services,
  { now = () => Date.now() }: LocalCognitoRouterOptions = {},
): Router {
  const base = Router(services)
  const lockout = signInLockout(now)
  const codeLimit = codeAttemptLimit(now)
  const sessions = challengeSessions(services.cognito, now)
  const checkAccessToken = accessTokenCheck(
    services.cognito,
    services.config.TokenConfig.IssuerDomain ?? '',
    now,
  )
  const initiateAuth = explainUnsupportedAuthFlow(
    sessions.remember(
      passwordSignInWithLockout(base('InitiateAuth'), services.cognito, lockout, passwordMatches),
    ),
  )
  const overrides: Record<string, Route> = {
    InitiateAuth: initiateAuth,
    GetTokensFromRefreshToken: getTokensFromRefreshToken(initiateAuth),
    AdminInitiateAuth: sessions.remember(
      passwordSignInWithLockout(base('AdminInitiateAuth'), services.cognito, lockout, passwordMatches),
    ),
    RespondToAuthChallenge: sessions.remember(sessions.requireIssuedSession(base('RespondToAuthChallenge'))),
    ChangePassword: changePasswordAgainstStoredHash(
      base('ChangePassword'),
      services.cognito,
      passwordMatches,
    ),
    ConfirmSignUp: codeCheckWithLimit(
      'ConfirmSignUp',
      confirmSignUpVerifiesContact(base('ConfirmSignUp'), services.cognito),
      services.cognito,
      codeLimit,
    ),
    ConfirmForgotPassword: codeCheckWithLimit(
      'ConfirmForgotPassword',
      base('ConfirmForgotPassword'),
      services.cognito,
      codeLimit,
    ),
    VerifyUserAttribute: codeCheckWithLimit(
      'VerifyUserAttribute',
      base('VerifyUserAttribute'),
      services.cognito,
      codeLimit,
    ),
    AdminListGroupsForUser: adminListGroupsForUserByAlias(base('AdminListGroupsForUser'), services.cognito),
    SignUp: refuseUnwritableAttributes('SignUp', base('SignUp'), services.cognito),
    UpdateUserAttributes: refuseUnwritableAttributes(
      'UpdateUserAttributes',
      base('UpdateUserAttributes'),
      services.cognito,
    ),
    DeleteUserAttributes: refuseUnwritableAttributes(
      'DeleteUserAttributes',
      base('DeleteUserAttributes'),
      services.cognito,
    ),
  }
  return (target) => {
    const route = overrides[target] ?? base(target)
    return ACCESS_TOKEN_OPERATIONS.has(target)
      ? requireVerifiedAccessToken(target, route, checkAccessToken)
      : route
  }
}
