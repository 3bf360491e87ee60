import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'
import type { LocalCognito } from '../../local-backend/src/cognito/startLocalCognito'
import type { AwsCredentials } from '../../local-backend/src/cognito/verifySigV4Request'

export interface SigningChoices {
  credentials?: AwsCredentials
  signingDate?: Date
  service?: string
  /** Also send (and sign) x-amz-content-sha256, as S3 clients do; the Cognito SDK does not. */
  applyChecksum?: boolean
}

/** Signs like the AWS SDKs (their own signer, @smithy/signature-v4) and returns the headers to send. */
export async function signedHeaders(
  pool: Pick<LocalCognito, 'endpoint' | 'awsCredentials'>,
  operation: string,
  body: string,
  {
    credentials = pool.awsCredentials,
    signingDate,
    service = 'cognito-idp',
    applyChecksum = false,
  }: SigningChoices = {},
): Promise<Record<string, string>> {
  const url = new URL(pool.endpoint)
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service, sha256: Sha256, applyChecksum })
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
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
  const { host: _host, ...headers } = signed.headers
  return headers
}
