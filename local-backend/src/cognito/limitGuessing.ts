import { decodeJwt } from 'jose'
import { NotAuthorizedError, type CognitoService, type Route } from './cognitoLocalAdapter'
import { onePerKey, type CodeAttemptLimit, type SignInLockout } from './guessingLimits'

const PASSWORD_FLOWS = new Set(['USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'])

interface PasswordAuthRequest {
  AuthFlow?: unknown
  ClientId?: unknown
  AuthParameters?: { USERNAME?: unknown; PASSWORD?: unknown }
}

/**
 * Password sign-in (InitiateAuth, AdminInitiateAuth) with Cognito's lockout. The password is checked here
 * (against the stored hash),
 * before cognito-local sees the request, also for accounts that must change their password (cognito-local
 * skipped the check for those), and a wrong one is Cognito's NotAuthorizedException "Incorrect username or
 * password.". cognito-local then runs with the stored value, so its own comparison passes.
 */
export function passwordSignInWithLockout(
  route: Route,
  cognito: CognitoService,
  lockout: SignInLockout,
  passwordMatches: (stored: string | undefined, given: string) => Promise<boolean>,
): Route {
  const serialized = onePerKey()
  return async (ctx, req: PasswordAuthRequest | undefined) => {
    const username = req?.AuthParameters?.USERNAME
    const given = req?.AuthParameters?.PASSWORD
    if (
      !PASSWORD_FLOWS.has(String(req?.AuthFlow)) ||
      typeof username !== 'string' ||
      typeof given !== 'string'
    ) {
      return route(ctx, req)
    }
    const userPool = await cognito.getUserPoolForClientId(ctx, String(req?.ClientId))
    const user = await userPool.getUserByUsername(ctx, username)
    if (!user) return route(ctx, req)
    const key = `${userPool.options.Id ?? ''}/${user.Username}`
    await serialized(key, async () => {
      lockout.checkNotLocked(key)
      if (!(await passwordMatches(user.Password, given))) {
        lockout.failed(key)
        throw new NotAuthorizedError('Incorrect username or password.')
      }
      lockout.succeeded(key)
    })
    return route(ctx, { ...req, AuthParameters: { ...req?.AuthParameters, PASSWORD: user.Password } })
  }
}

interface ChangePasswordRequest {
  AccessToken?: unknown
  PreviousPassword?: unknown
}

/**
 * ChangePassword against a stored hash: the previous password is checked here and cognito-local runs with
 * the stored value, as for sign-in. The access token has already been verified (requireVerifiedAccessToken).
 */
export function changePasswordAgainstStoredHash(
  route: Route,
  cognito: CognitoService,
  passwordMatches: (stored: string | undefined, given: string) => Promise<boolean>,
): Route {
  return async (ctx, req: ChangePasswordRequest | undefined) => {
    const given = req?.PreviousPassword
    if (typeof given !== 'string') return route(ctx, req)
    const { client_id: clientId, username } = decodeJwt(String(req?.AccessToken))
    const userPool = await cognito.getUserPoolForClientId(ctx, String(clientId))
    const user = await userPool.getUserByUsername(ctx, String(username))
    if (!user) return route(ctx, req)
    if (!(await passwordMatches(user.Password, given))) {
      throw new NotAuthorizedError('Incorrect username or password.')
    }
    return route(ctx, { ...req, PreviousPassword: user.Password })
  }
}

interface CodeRequest {
  ClientId?: unknown
  Username?: unknown
  AccessToken?: unknown
}

/**
 * ConfirmSignUp, ConfirmForgotPassword and VerifyUserAttribute with Cognito's LimitExceededException after
 * repeated wrong codes (guessingLimits.ts). While blocked, even the right code is refused, as on Cognito.
 * VerifyUserAttribute's access token has already been verified (requireVerifiedAccessToken runs first).
 */
export function codeCheckWithLimit(
  operation: 'ConfirmSignUp' | 'ConfirmForgotPassword' | 'VerifyUserAttribute',
  route: Route,
  cognito: CognitoService,
  limit: CodeAttemptLimit,
): Route {
  const serialized = onePerKey()
  return async (ctx, req: CodeRequest | undefined) => {
    let key: string
    if (operation === 'VerifyUserAttribute') {
      const { client_id: clientId, sub } = decodeJwt(String(req?.AccessToken))
      key = `${operation}/${String(clientId)}/${String(sub)}`
    } else {
      const userPool = await cognito.getUserPoolForClientId(ctx, String(req?.ClientId))
      const user = await userPool.getUserByUsername(ctx, String(req?.Username))
      key = `${operation}/${userPool.options.Id ?? ''}/${user?.Username ?? String(req?.Username).toLowerCase()}`
    }
    return serialized(key, async () => {
      limit.checkAllowed(key)
      try {
        const response: unknown = await route(ctx, req)
        limit.succeeded(key)
        return response
      } catch (error) {
        if ((error as { code?: unknown }).code === 'CodeMismatchException') limit.failed(key)
        throw error
      }
    })
  }
}
