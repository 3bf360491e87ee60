import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'
import type { AwsCredentials } from './verifySigV4Request'

/**
 * One Cognito user pool API call, SigV4-signed as the AWS SDKs sign it (their own signer,
 * `@smithy/signature-v4`), for the administration operations the local pool only accepts signed with its
 * local credentials. Throws with Cognito's error type and message.
 */
export async function signedCognitoCall<T>(
  endpoint: string,
  credentials: AwsCredentials,
  operation: string,
  body: unknown,
  region = 'us-east-1',
): Promise<T> {
  const url = new URL(endpoint)
  const text = JSON.stringify(body)
  const signer = new SignatureV4({ credentials, region, service: 'cognito-idp', sha256: Sha256 })
  const signed = await signer.sign({
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
    body: text,
  })
  const { host: _host, ...headers } = signed.headers
  const response = await fetch(url, { method: 'POST', headers, body: text })
  const json = (await response.json().catch(() => ({}))) as T & { __type?: string; message?: string }
  if (!response.ok) {
    throw new Error(`${operation}: ${json.__type ?? response.status} ${json.message ?? ''}`.trim())
  }
  return json
}
