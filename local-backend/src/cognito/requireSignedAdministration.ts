import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { cognitoLocalOperationName, handOverReadBody } from './cognitoLocalAdapter'
import { SigV4Error, verifySigV4Request, type AwsCredentials } from './verifySigV4Request'

/**
 * The user-pool operations Cognito answers without AWS credentials: the sign-up and sign-in flows and what a
 * user's own access token authorizes. Everything else (Admin*, ListUsers, pool and client management) needs
 * an IAM-signed request on AWS.
 */
export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set([
  'AssociateSoftwareToken',
  'ChangePassword',
  'CompleteWebAuthnRegistration',
  'ConfirmDevice',
  'ConfirmForgotPassword',
  'ConfirmSignUp',
  'DeleteUser',
  'DeleteUserAttributes',
  'DeleteWebAuthnCredential',
  'ForgetDevice',
  'ForgotPassword',
  'GetDevice',
  'GetTokensFromRefreshToken',
  'GetUser',
  'GetUserAttributeVerificationCode',
  'GetUserAuthFactors',
  'GlobalSignOut',
  'InitiateAuth',
  'ListDevices',
  'ListWebAuthnCredentials',
  'ResendConfirmationCode',
  'RespondToAuthChallenge',
  'RevokeToken',
  'SetUserMFAPreference',
  'SetUserSettings',
  'SignUp',
  'StartWebAuthnRegistration',
  'UpdateDeviceStatus',
  'UpdateUserAttributes',
  'VerifySoftwareToken',
  'VerifyUserAttribute',
])

/** Cognito's own request size limit is far below this; it only bounds what is buffered to check a signature. */
const MAX_SIGNED_BODY_BYTES = 1024 * 1024

export interface SignedAdministrationOptions {
  /** The local credentials (localAwsCredentials.ts); no others are accepted. */
  credentials: AwsCredentials
  now?: () => number
}

/**
 * cognito-local answers every operation to anyone, so any web page open in the developer's browser could list
 * the local users or set their passwords. As on AWS, the operations that are not public need an IAM-signed
 * request: the SigV4 signature is verified against the local credentials, over the body actually received.
 */
export function requireSignedAdministration(
  app: RequestListener,
  { credentials, now }: SignedAdministrationOptions,
): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const operation = cognitoLocalOperationName(req.headers['x-amz-target'])
    if (req.method !== 'POST' || !operation || PUBLIC_OPERATIONS.has(operation)) {
      app(req, res)
      return
    }
    if (!req.headers.authorization) {
      req.resume()
      refuse(
        res,
        new SigV4Error(
          'MissingAuthenticationTokenException',
          `Missing Authentication Token: ${operation} needs AWS credentials (a SigV4-signed request), as on AWS. Sign with the local credentials in the backend's data folder (local-backend/src/cognito/README.md).`,
        ),
      )
      return
    }
    readBody(req)
      .then(async (body) => {
        await verifySigV4Request(
          { method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers, body },
          { credentials, service: 'cognito-idp', now },
        )
        return body
      })
      .then(
        (body) => {
          let parsed: unknown
          try {
            parsed = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
          } catch {
            answer(res, 400, 'SerializationException', 'The request body is not JSON.')
            return
          }
          handOverReadBody(req, parsed)
          app(req, res)
        },
        (error: unknown) => {
          if (error instanceof SigV4Error) refuse(res, error)
          else if (error instanceof BodyTooLargeError)
            answer(res, 413, 'RequestEntityTooLarge', error.message)
          else answer(res, 500, 'InternalErrorException', (error as Error).message)
        },
      )
  }
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_SIGNED_BODY_BYTES) {
        req.removeAllListeners('data')
        req.resume()
        reject(new BodyTooLargeError(`A signed request body may be at most ${MAX_SIGNED_BODY_BYTES} bytes.`))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function refuse(res: ServerResponse, error: SigV4Error): void {
  // Cognito's JSON protocol answers every authentication error with 400.
  answer(res, 400, error.code, error.message)
}

function answer(res: ServerResponse, status: number, type: string, message: string): void {
  if (res.headersSent) return
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'access-control-allow-origin': '*',
  })
  res.end(JSON.stringify({ __type: type, message }))
}
