import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'
import type { AwsCredentials } from './verifySigV4Request'

/** What a signer may vary; tests vary it to forge requests the local pool must refuse. */
export interface CognitoSigningOptions {
  region?: string
  service?: string
  signingDate?: Date
  /** Also send (and sign) x-amz-content-sha256, as S3 clients do; the Cognito SDK does not. */
  applyChecksum?: boolean
}

/** The headers of a Cognito API request, SigV4-signed as the AWS SDKs sign it (their own signer). */
export async function signCognitoRequest(
  endpoint: string,
  credentials: AwsCredentials,
  operation: string,
  body: string,
  {
    region = 'us-east-1',
    service = 'cognito-idp',
    signingDate,
    applyChecksum = false,
  }: CognitoSigningOptions = {},
): Promise<Record<string, string>> {
  const url = new URL(endpoint)
  const signer = new SignatureV4({ credentials, region, service, sha256: Sha256, applyChecksum })
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: {},
      headers: {
        host: url.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body,
    },
    { signingDate },
  )
  // fetch sets Host itself.
  const { host: _host, ...headers } = signed.headers
  return headers
}

/**
 * One Cognito user pool API call, signed by `signCognitoRequest`, for the administration operations the
 * local pool only accepts signed with its local credentials. Throws with Cognito's error type and message.
 */
export async function signedCognitoCall<T>(
  endpoint: string,
  credentials: AwsCredentials,
  operation: string,
  body: unknown,
  region = 'us-east-1',
): Promise<T> {
  const text = JSON.stringify(body)
  const headers = await signCognitoRequest(endpoint, credentials, operation, text, { region })
  const response = await fetch(endpoint, { method: 'POST', headers, body: text })
  const json = (await response.json().catch(() => ({}))) as T & { __type?: string; message?: string }
  if (!response.ok) {
    throw new Error(`${operation}: ${json.__type ?? response.status} ${json.message ?? ''}`.trim())
  }
  return json
}
