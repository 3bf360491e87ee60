import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'

/** AWS credentials as the SDKs hand them out (a session token for assumed roles and SSO). */
export interface SigningCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

export interface GraphqlResponse<T> {
  status: number
  data?: T | null
  errors?: { message: string; errorType?: string }[]
}

/**
 * A GraphQL request SigV4-signed for AppSync (service `appsync`), as a trusted server sends it with IAM
 * credentials: AWS's own signer over the exact body sent. The same code signs for the local backend (its local
 * credentials) and for AWS (the caller's).
 */
export async function signedGraphqlRequest<T>(
  endpoint: string,
  region: string,
  credentials: SigningCredentials,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphqlResponse<T>> {
  const url = new URL(endpoint)
  const body = JSON.stringify({ query, variables })
  const signer = new SignatureV4({ credentials, region, service: 'appsync', sha256: Sha256 })
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query: {},
    headers: { host: url.host, 'content-type': 'application/json' },
    body,
  })
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: signed.headers as Record<string, string>,
    body,
  })
  const text = await response.text()
  try {
    return { status: response.status, ...(JSON.parse(text) as Omit<GraphqlResponse<T>, 'status'>) }
  } catch {
    return { status: response.status, errors: [{ message: text || `HTTP ${response.status}` }] }
  }
}
