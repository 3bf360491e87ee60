import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'

export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
}

export interface SignedRequest {
  method: string
  /** The request target as received: path and query string. */
  url: string
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface SigV4Options {
  /** The only credentials accepted. */
  credentials: AwsCredentials
  /** The signing service the credential scope must name, e.g. `cognito-idp` or `appsync`. */
  service: string
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number
}

export interface VerifiedSigV4 {
  accessKeyId: string
  region: string
  service: string
}

/** A refusal in AWS's words: `code` is the error type AWS answers with, `message` says why. */
export class SigV4Error extends Error {
  override name = 'SigV4Error'
  constructor(
    readonly code:
      'MissingAuthenticationTokenException' | 'UnrecognizedClientException' | 'InvalidSignatureException',
    message: string,
  ) {
    super(message)
  }
}

/** AWS refuses a request whose signing time is more than five minutes from its own clock. */
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9;_.-]+), ?Signature=([0-9a-f]{64})$/

/**
 * Checks an AWS Signature Version 4 `Authorization` header the way AWS does: the credential scope, the
 * signing time against the clock, and the signature over the method, path, query, the signed headers and
 * the SHA-256 of the body actually received, recomputed with @smithy/signature-v4 and compared in constant
 * time. Throws a SigV4Error; resolves with who signed.
 */
export async function verifySigV4Request(
  request: SignedRequest,
  { credentials, service, now = () => Date.now() }: SigV4Options,
): Promise<VerifiedSigV4> {
  const authorization = request.headers.authorization
  if (typeof authorization !== 'string' || authorization === '') {
    throw new SigV4Error('MissingAuthenticationTokenException', 'Missing Authentication Token')
  }
  const match = authorizationPattern.exec(authorization.trim())
  if (!match) {
    throw new SigV4Error(
      'InvalidSignatureException',
      'The Authorization header is not an AWS4-HMAC-SHA256 signature (Credential=KEY/DATE/REGION/SERVICE/aws4_request, SignedHeaders=..., Signature=64 hex digits)',
    )
  }
  const [, accessKeyId, scopeDate, region, scopeService, signedHeaderList, signature] = match
  if (accessKeyId !== credentials.accessKeyId) {
    throw new SigV4Error(
      'UnrecognizedClientException',
      'The security token included in the request is invalid. Use the local credentials the backend wrote (see local-backend/src/cognito/README.md).',
    )
  }
  if (scopeService !== service) {
    throw new SigV4Error(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${service}'.`,
    )
  }
  const signedHeaders = signedHeaderList.split(';')
  if (!signedHeaders.includes('host')) {
    throw new SigV4Error('InvalidSignatureException', "'Host' must be a signed header.")
  }
  const signingDate = readAmzDate(request.headers['x-amz-date'], signedHeaders)
  if (!signingDate.toISOString().replace(/-/g, '').startsWith(scopeDate)) {
    throw new SigV4Error(
      'InvalidSignatureException',
      `Credential should be scoped to a valid date: '${scopeDate}'.`,
    )
  }
  const skew = signingDate.getTime() - now()
  if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
    throw new SigV4Error(
      'InvalidSignatureException',
      skew < 0
        ? `Signature expired: ${amzDate(signingDate)} is now earlier than ${amzDate(new Date(now() - MAX_CLOCK_SKEW_MS))} (${amzDate(new Date(now()))} - 5 min.)`
        : `Signature not yet current: ${amzDate(signingDate)} is still later than ${amzDate(new Date(now() + MAX_CLOCK_SKEW_MS))} (${amzDate(new Date(now()))} + 5 min.)`,
    )
  }

  // The payload hash is always computed from the bytes received; a signed x-amz-content-sha256 header must
  // agree with it, or a signature over one body would carry another.
  const bodyHash = createHash('sha256').update(request.body).digest('hex')
  const declaredHash = request.headers['x-amz-content-sha256']
  if (declaredHash !== undefined && declaredHash !== bodyHash) {
    throw new SigV4Error(
      'InvalidSignatureException',
      'The x-amz-content-sha256 header does not match the body.',
    )
  }

  const headers: Record<string, string> = {}
  for (const name of signedHeaders) {
    const value = request.headers[name]
    if (value === undefined) {
      throw new SigV4Error('InvalidSignatureException', `Signed header ${name} is not in the request.`)
    }
    headers[name] = Array.isArray(value) ? value.join(',') : value
  }
  const url = new URL(request.url, 'http://localhost')
  const query: Record<string, string | string[]> = {}
  for (const [key, value] of url.searchParams) {
    const before = query[key]
    query[key] = before === undefined ? value : [before, value].flat()
  }
  const signer = new SignatureV4({ credentials, region, service, sha256: Sha256, applyChecksum: false })
  const expected = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: 'localhost',
      path: decodePath(url.pathname),
      query,
      headers,
      body: request.body,
    },
    { signingDate, signableHeaders: new Set(signedHeaders) },
  )
  const expectedAuthorization = String(expected.headers.authorization)
  const expectedSignature = /Signature=([0-9a-f]{64})$/.exec(expectedAuthorization)?.[1] ?? ''
  const expectedHeaderList = /SignedHeaders=([^,]+),/.exec(expectedAuthorization)?.[1] ?? ''
  const sameSignature =
    expectedSignature.length === signature.length &&
    timingSafeEqual(Buffer.from(expectedSignature), Buffer.from(signature))
  if (!sameSignature || expectedHeaderList !== signedHeaderList) {
    throw new SigV4Error(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    )
  }
  return { accessKeyId, region, service }
}

function readAmzDate(value: string | string[] | undefined, signedHeaders: readonly string[]): Date {
  const match =
    typeof value === 'string' ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null
  if (!match || !signedHeaders.includes('x-amz-date')) {
    throw new SigV4Error(
      'InvalidSignatureException',
      'The request must carry a signed X-Amz-Date header in the form YYYYMMDDTHHMMSSZ.',
    )
  }
  const [, year, month, day, hour, minute, second] = match.map(Number)
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second))
}

function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname)
  } catch {
    throw new SigV4Error('InvalidSignatureException', 'The request path is not valid percent-encoding.')
  }
}
