import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'

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

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.'

/**
 * cognito-local answers every operation to anyone, so any web page open in the developer's browser could list
 * the local users or set their passwords. Like dynalite for DynamoDB, this requires what AWS requires, an
 * IAM-signed request (SigV4 `Authorization` header) for the operations that are not public, without checking
 * the signature: the AWS CLI or SDK with any credentials still works, a browser page cannot.
 */
export function requireSignedAdministration(app: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const target = String(req.headers['x-amz-target'] ?? '')
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined
    const signed = /^AWS4-HMAC-SHA256 +Credential=/.test(String(req.headers.authorization ?? ''))
    if (req.method !== 'POST' || !operation || PUBLIC_OPERATIONS.has(operation) || signed) {
      app(req, res)
      return
    }
    req.resume()
    res.writeHead(400, {
      'content-type': 'application/x-amz-json-1.1',
      'access-control-allow-origin': '*',
    })
    res.end(
      JSON.stringify({
        __type: 'MissingAuthenticationTokenException',
        message: `Missing Authentication Token: ${operation} needs AWS credentials (a SigV4-signed request), as on AWS. The local pool accepts any credentials, e.g. the AWS CLI with --endpoint-url.`,
      }),
    )
  }
}
