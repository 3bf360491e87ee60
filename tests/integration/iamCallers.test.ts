/**
 * IAM callers (AWS_IAM) of the local API: a request SigV4-signed for service `appsync` with the local
 * credentials is accepted as the IAM role named in custom-roles.json; every other signature is refused.
 *
 * aws-amplify v6 signs AppSync requests only with credentials from a Cognito Identity Pool (fetchAuthSession),
 * which the local backend does not have; a trusted server signs with static credentials, so these tests sign
 * the way such a server does, with the AWS SDK's own signer (@smithy/signature-v4).
 */
import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AwsCredentials } from '../../local-backend/src/cognito/verifySigV4Request'
import { startLocalBackend, type LocalBackend } from '../../local-backend/src/startLocalBackend'

const apiDir = join(import.meta.dirname, 'fixtures/iam-project/amplify/backend/api/iamapi')
const createNote = 'mutation Create($text: String!) { createNote(input: { text: $text }) { id text } }'

interface Signing {
  credentials?: AwsCredentials
  service?: string
  signingDate?: Date
}

async function signedPost(backend: LocalBackend, body: string, signing: Signing = {}, sentBody = body) {
  const url = new URL(backend.graphqlEndpoint)
  const signer = new SignatureV4({
    credentials: signing.credentials ?? backend.awsCredentials,
    region: 'us-east-1',
    service: signing.service ?? 'appsync',
    sha256: Sha256,
  })
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers: { host: url.host, 'content-type': 'application/json' },
      body,
    },
    { signingDate: signing.signingDate },
  )
  const { host: _host, ...headers } = signed.headers
  const response = await fetch(url, { method: 'POST', headers, body: sentBody })
  return { status: response.status, json: (await response.json()) as Record<string, unknown> }
}

const body = (text: string) => JSON.stringify({ query: createNote, variables: { text } })

describe('IAM callers with the local credentials', () => {
  let backend: LocalBackend
  let outsider: LocalBackend
  beforeAll(async () => {
    backend = await startLocalBackend({ port: 0, cognitoPort: 0, inMemory: true, apiDir, log: () => {} })
    outsider = await startLocalBackend({
      port: 0,
      cognitoPort: 0,
      inMemory: true,
      apiDir,
      iamRoleName: 'some-other-role',
      log: () => {},
    })
  }, 60_000)
  afterAll(async () => {
    await backend?.stop()
    await outsider?.stop()
  })

  // AppSync accepts SigV4-signed requests on an API with the AWS_IAM mode, and the transformer's IAM rules let
  // the admin roles of custom-roles.json through:
  // https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#aws-iam-authorization
  // https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/customize-authorization-rules/#use-iam-authorization-within-the-appsync-console
  it('accepts a signed mutation from the admin role named in custom-roles.json', async () => {
    const { status, json } = await signedPost(backend, body('from the server'))
    expect(status).toBe(200)
    expect(json.errors).toBeUndefined()
    expect((json.data as { createNote: { text: string } }).createNote.text).toBe('from the server')
  })

  it('refuses a verified caller whose role is neither the auth role nor an admin role', async () => {
    const { json } = await signedPost(outsider, body('not an admin'))
    expect(json.data).toEqual({ createNote: null })
    expect(JSON.stringify(json.errors)).toContain('Unauthorized')
  })

  // SigV4 refusals, as AWS answers them: https://docs.aws.amazon.com/IAM/latest/UserGuide/signature-v4-troubleshooting.html
  it.each<[string, () => Promise<{ status: number; json: Record<string, unknown> }>, string]>([
    [
      'a forged signature (another secret)',
      () =>
        signedPost(backend, body('x'), {
          credentials: { ...backend.awsCredentials, secretAccessKey: 'guess' },
        }),
      'does not match',
    ],
    [
      'unknown credentials',
      () =>
        signedPost(backend, body('x'), { credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' } }),
      'security token',
    ],
    [
      'a body changed after signing',
      () => signedPost(backend, body('signed'), {}, body('replaced')),
      'does not match',
    ],
    [
      'an expired signature (10 minutes old)',
      () => signedPost(backend, body('x'), { signingDate: new Date(Date.now() - 10 * 60_000) }),
      'Signature expired',
    ],
    [
      'a signature for another service',
      () => signedPost(backend, body('x'), { service: 'cognito-idp' }),
      "scoped to correct service: 'appsync'",
    ],
  ])('refuses %s with 401 UnauthorizedException', async (_name, send, reason) => {
    const { status, json } = await send()
    expect(status).toBe(401)
    const [error] = json.errors as { errorType: string; message: string }[]
    expect(error.errorType).toBe('UnauthorizedException')
    expect(error.message).toContain(reason)
  })
})
