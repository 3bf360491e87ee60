import { readFile } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import path from 'node:path'
import { SigV4Error, verifySigV4Request, type AwsCredentials } from '../cognito/verifySigV4Request'
import type { HttpStep } from './requestPipeline'

/**
 * IAM callers (`AWS_IAM`): AppSync accepts a request signed with SigV4 for service `appsync` and gives the
 * resolvers the caller's IAM identity
 * (https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference.html#aws-appsync-resolver-context-reference-identity).
 * Locally the only IAM principal is the local credentials (`<data folder>/cognito/aws-credentials`), acting
 * as one role: by default the first of `adminRoleNames` in `amplify/backend/api/<api>/custom-roles.json`,
 * the roles the transformer's IAM checks let through as AppSync admin roles
 * (https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/customize-authorization-rules/#use-iam-authorization-within-the-appsync-console).
 */
export interface IamCallerOptions {
  credentials: AwsCredentials
  /** The role the local credentials act as; its name is what `userArn` carries. */
  roleName: string
  /** The AWS account in the identity's ARN; AWS's documentation account by default. */
  accountId?: string
  now?: () => number
}

/** `$ctx.identity` for an IAM caller, in the fields AppSync documents. */
export interface AppSyncIamIdentity {
  accountId: string
  cognitoIdentityPoolId: null
  cognitoIdentityId: null
  cognitoIdentityAuthType: null
  cognitoIdentityAuthProvider: null
  sourceIp: string[]
  username: string
  userArn: string
}

export const LOCAL_ACCOUNT_ID = '123456789012'
export const LOCAL_SESSION_NAME = 'local-backend'
/** Used when the project names no admin role. */
export const DEFAULT_LOCAL_ROLE_NAME = 'local-backend-role'

/** The role the local credentials act as: `custom-roles.json`'s first admin role, or DEFAULT_LOCAL_ROLE_NAME. */
export async function localIamRoleName(apiDir: string): Promise<string> {
  try {
    const parsed = JSON.parse(await readFile(path.join(apiDir, 'custom-roles.json'), 'utf8')) as {
      adminRoleNames?: unknown
    }
    const first = Array.isArray(parsed.adminRoleNames) ? parsed.adminRoleNames[0] : undefined
    return typeof first === 'string' && first !== '' ? first : DEFAULT_LOCAL_ROLE_NAME
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_LOCAL_ROLE_NAME
    throw error
  }
}

const identities = new WeakMap<IncomingMessage, AppSyncIamIdentity>()

/** The verified IAM identity of a request (or a WebSocket upgrade), if its SigV4 signature was verified. */
export const iamIdentityOf = (req: IncomingMessage): AppSyncIamIdentity | undefined => identities.get(req)
/** Records a request's verified IAM identity (./iamRealtime.ts verifies WebSocket upgrades). */
export const recordIamIdentity = (req: IncomingMessage, identity: AppSyncIamIdentity) =>
  identities.set(req, identity)

export const isSigV4 = (value: unknown) =>
  typeof value === 'string' && value.trim().startsWith('AWS4-HMAC-SHA256')

/** The identity AppSync gives a caller that assumed `roleName` (an STS session: `assumed-role/<role>/<session>`). */
export function iamIdentity(options: IamCallerOptions, sourceIp: string | undefined): AppSyncIamIdentity {
  const accountId = options.accountId ?? LOCAL_ACCOUNT_ID
  return {
    accountId,
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
    sourceIp: sourceIp ? [sourceIp] : [],
    username: `${options.credentials.accessKeyId}:${LOCAL_SESSION_NAME}`,
    userArn: `arn:aws:sts::${accountId}:assumed-role/${options.roleName}/${LOCAL_SESSION_NAME}`,
  }
}

/**
 * Verifies a SigV4-signed GraphQL request (service `appsync`, the local credentials, the body received, a
 * 5-minute clock window) before anything else reads its Authorization header. Refusals are AppSync's:
 * HTTP 401 with `UnauthorizedException` and the reason. Needs the raw body (`rawBodyOf`).
 */
export const verifyIamRequests =
  (options: IamCallerOptions, rawBodyOf: (req: IncomingMessage) => Buffer | undefined): HttpStep =>
  (req, res, next) => {
    if (req.headers['x-api-key'] || !isSigV4(req.headers.authorization)) return next()
    const refuse = (message: string) => {
      res.writeHead(401, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
      res.end(JSON.stringify({ errors: [{ errorType: 'UnauthorizedException', message }] }))
    }
    verifySigV4Request(
      {
        method: req.method ?? 'POST',
        url: req.url ?? '/',
        headers: req.headers,
        body: rawBodyOf(req) ?? Buffer.alloc(0),
      },
      { credentials: options.credentials, service: 'appsync', now: options.now },
    ).then(
      () => {
        recordIamIdentity(req, iamIdentity(options, req.socket.remoteAddress))
        next()
      },
      (error: unknown) =>
        refuse(error instanceof SigV4Error ? `${error.code}: ${error.message}` : String(error)),
    )
  }
