import {
  signCognitoRequest,
  type CognitoSigningOptions,
} from '../../local-backend/src/cognito/signedCognitoCall'
import type { LocalCognito } from '../../local-backend/src/cognito/startLocalCognito'
import type { AwsCredentials } from '../../local-backend/src/cognito/verifySigV4Request'

export interface SigningChoices extends Omit<CognitoSigningOptions, 'region'> {
  credentials?: AwsCredentials
}

/** Signs like the AWS SDKs (the signer `npm run groups` uses) and returns the headers to send. */
export function signedHeaders(
  pool: Pick<LocalCognito, 'endpoint' | 'awsCredentials'>,
  operation: string,
  body: string,
  { credentials = pool.awsCredentials, ...options }: SigningChoices = {},
): Promise<Record<string, string>> {
  return signCognitoRequest(pool.endpoint, credentials, operation, body, options)
}
