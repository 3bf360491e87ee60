import { decodeJwt } from 'jose'
import {
  InvalidParameterError,
  NotAuthorizedError,
  type CognitoService,
  type Context,
  type Route,
} from './cognitoLocalAdapter'

/**
 * Attributes only Cognito sets: `sub` is generated at sign-up and never changes (the API's owner field is
 * `<sub>::<username>`, so a chosen `sub` would pass another user's owner checks), the `*_verified` flags
 * change only through a confirmed code, `identities` only through federation, and `cognito:` / `dev:`
 * names are Cognito's own.
 */
const NEVER_CLIENT_WRITABLE = new Set(['sub', 'identities', 'email_verified', 'phone_number_verified'])

/** What Cognito answers when an app client writes an attribute it may not write. */
const UNAUTHORIZED_ATTRIBUTE = 'A client attempted to write unauthorized attribute'

interface AttributeRequest {
  ClientId?: unknown
  AccessToken?: unknown
  UserAttributes?: unknown
  UserAttributeNames?: unknown
}

/**
 * SignUp, UpdateUserAttributes and DeleteUserAttributes may touch only attributes of the pool's schema that
 * the app client may write (its WriteAttributes, when set), and never the ones above; cognito-local took any
 * attribute, `sub` included, so a new account could choose another user's `sub`. The access token of the two
 * user operations has already been verified (requireVerifiedAccessToken runs first).
 */
export function refuseUnwritableAttributes(
  operation: 'SignUp' | 'UpdateUserAttributes' | 'DeleteUserAttributes',
  route: Route,
  cognito: CognitoService,
): Route {
  return async (ctx, req: AttributeRequest | undefined) => {
    const names =
      operation === 'DeleteUserAttributes'
        ? listOf(req?.UserAttributeNames, 'UserAttributeNames').map((name) => nameOf(name))
        : listOf(req?.UserAttributes, 'UserAttributes').map((attribute) =>
            nameOf((attribute as { Name?: unknown } | null)?.Name),
          )
    if (names.length > 0) {
      const clientId = operation === 'SignUp' ? req?.ClientId : clientOfToken(req?.AccessToken)
      await checkWritable(ctx, cognito, String(clientId), names)
    }
    return route(ctx, req)
  }
}

async function checkWritable(ctx: Context, cognito: CognitoService, clientId: string, names: string[]) {
  const client = await cognito.getAppClient(ctx, clientId)
  if (!client) throw new NotAuthorizedError('Invalid client id')
  const userPool = await cognito.getUserPool(ctx, client.UserPoolId)
  const schema = new Set((userPool.options.SchemaAttributes ?? []).map((attribute) => attribute.Name))
  const seen = new Set<string>()
  for (const name of names) {
    if (seen.has(name)) throw new InvalidParameterError(`Duplicate attribute: ${name}`)
    seen.add(name)
    if (NEVER_CLIENT_WRITABLE.has(name) || name.startsWith('cognito:') || name.startsWith('dev:')) {
      throw new NotAuthorizedError(UNAUTHORIZED_ATTRIBUTE)
    }
    if (!schema.has(name)) {
      throw new InvalidParameterError(
        `Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.`,
      )
    }
    const writable = client.WriteAttributes
    if (writable && writable.length > 0 && !writable.includes(name)) {
      throw new NotAuthorizedError(UNAUTHORIZED_ATTRIBUTE)
    }
  }
}

function listOf(value: unknown, parameter: string): unknown[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw new InvalidParameterError(`${parameter} must be a list`)
  return value
}

function nameOf(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new InvalidParameterError('Every attribute needs a Name (a non-empty string)')
  }
  return value
}

function clientOfToken(token: unknown): unknown {
  return typeof token === 'string' ? decodeJwt(token).client_id : undefined
}
