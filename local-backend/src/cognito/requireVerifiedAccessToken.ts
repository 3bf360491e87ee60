import { decodeJwt } from 'jose'
import {
  cognitoLocalJwks,
  InvalidParameterError,
  NotAuthorizedError,
  type CognitoService,
  type Context,
  type Route,
} from './cognitoLocalAdapter'
import {
  CognitoTokenError,
  createCognitoTokenVerifier,
  type CognitoTokenVerifier,
  type VerifiedClaims,
} from './verifyCognitoToken'

/**
 * The user-pool operations a user authorizes with their own access token. cognito-local only decodes that
 * token (no signature, expiry, issuer or client check), so any page could read, change or delete an account
 * by naming its `sub` in an unsigned token.
 */
export const ACCESS_TOKEN_OPERATIONS: ReadonlySet<string> = new Set([
  'AssociateSoftwareToken',
  'ChangePassword',
  'CompleteWebAuthnRegistration',
  'ConfirmDevice',
  'DeleteUser',
  'DeleteUserAttributes',
  'DeleteWebAuthnCredential',
  'ForgetDevice',
  'GetDevice',
  'GetUser',
  'GetUserAttributeVerificationCode',
  'GetUserAuthFactors',
  'GlobalSignOut',
  'ListDevices',
  'ListWebAuthnCredentials',
  'SetUserMFAPreference',
  'SetUserSettings',
  'StartWebAuthnRegistration',
  'UpdateDeviceStatus',
  'UpdateUserAttributes',
  'VerifySoftwareToken',
  'VerifyUserAttribute',
])

/** These two may carry a sign-in Session instead of an access token (MFA set-up during sign-in). */
const SESSION_INSTEAD_OF_TOKEN = new Set(['AssociateSoftwareToken', 'VerifySoftwareToken'])

export type AccessTokenCheck = (ctx: Context, token: unknown) => Promise<VerifiedClaims>

/**
 * Checks an access token the way the API side does (the same verifier: RS256 signature from the pool's key,
 * exact issuer, `token_use: access`, expiry), plus that its `client_id` is an app client of that pool.
 * Refusals are Cognito's: NotAuthorizedException "Access Token has expired" or "Invalid Access Token".
 */
export function accessTokenCheck(
  cognito: CognitoService,
  issuerDomain: string,
  now?: () => number,
): AccessTokenCheck {
  const jwks = cognitoLocalJwks() as Parameters<typeof createCognitoTokenVerifier>[0]['jwks']
  const verifiers = new Map<string, CognitoTokenVerifier>()
  return async (ctx, token) => {
    if (typeof token !== 'string' || token === '') {
      throw new InvalidParameterError('Missing required parameter AccessToken')
    }
    const userPoolId = await userPoolOfIssuer(ctx, cognito, issuerDomain, token)
    let verify = verifiers.get(userPoolId)
    if (!verify) {
      verify = createCognitoTokenVerifier({
        issuer: `${issuerDomain}/${userPoolId}`,
        jwks,
        tokenUse: 'access',
        now,
      })
      verifiers.set(userPoolId, verify)
    }
    let claims: VerifiedClaims
    try {
      claims = await verify(token)
    } catch (error) {
      if (!(error instanceof CognitoTokenError)) throw error
      throw /expired/.test(error.message)
        ? new NotAuthorizedError('Access Token has expired')
        : new NotAuthorizedError(`Invalid Access Token: ${error.message}`)
    }
    const client = await cognito.getAppClient(ctx, String(claims.client_id))
    if (client?.UserPoolId !== userPoolId) {
      throw new NotAuthorizedError(
        `Invalid Access Token: app client ${String(claims.client_id)} is not a client of ${userPoolId}`,
      )
    }
    return claims
  }
}

/** The route runs only once the request's AccessToken has passed the check. */
export function requireVerifiedAccessToken(operation: string, route: Route, check: AccessTokenCheck): Route {
  return async (ctx, req: { AccessToken?: unknown; Session?: unknown } | undefined) => {
    const sessionOnly =
      SESSION_INSTEAD_OF_TOKEN.has(operation) && req?.AccessToken === undefined && req?.Session !== undefined
    if (!sessionOnly) await check(ctx, req?.AccessToken)
    return route(ctx, req)
  }
}

async function userPoolOfIssuer(
  ctx: Context,
  cognito: CognitoService,
  issuerDomain: string,
  token: string,
): Promise<string> {
  let issuer: unknown
  try {
    issuer = decodeJwt(token).iss
  } catch {
    throw new NotAuthorizedError('Invalid Access Token: not a JWT')
  }
  const prefix = `${issuerDomain}/`
  const userPoolId =
    typeof issuer === 'string' && issuer.startsWith(prefix) ? issuer.slice(prefix.length) : ''
  const pools = await cognito.listUserPools(ctx)
  if (!pools.some((pool) => pool.Id === userPoolId)) {
    throw new NotAuthorizedError(
      `Invalid Access Token: issued by ${String(issuer)}, not by a user pool of this local Cognito`,
    )
  }
  return userPoolId
}
