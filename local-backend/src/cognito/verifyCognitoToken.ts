import { verify } from 'node:crypto'
import { jwksKeyStore, type JsonWebKeySet } from './jwksKeyStore'

export type { JsonWebKeySet } from './jwksKeyStore'

export interface CognitoTokenVerifierOptions {
  /** The pool's exact issuer, e.g. LocalCognito.issuer; tokens of every other pool are rejected. */
  issuer: string
  /** Where the pool's keys are served; fetched once and cached. Give this or jwks. */
  jwksUrl?: string
  jwks?: JsonWebKeySet
  /** App client(s) whose tokens are accepted: `client_id` of access tokens, `aud` of id tokens. */
  clientId?: string | readonly string[]
  /** Accept only id or only access tokens; both by default, like AppSync. */
  tokenUse?: 'id' | 'access'
  clockToleranceSeconds?: number
  /** Milliseconds since the epoch; for tests. */
  now?: () => number
}

export interface VerifiedClaims {
  iss: string
  sub: string
  token_use: 'id' | 'access'
  exp: number
  iat?: number
  [claim: string]: unknown
}

const MAX_REMEMBERED_SIGNATURES = 10_000

/** A token was refused; the message says why in words a person can act on. */
export class CognitoTokenError extends Error {
  override name = 'CognitoTokenError'
}

/**
 * What AppSync checks on a Cognito user-pool token and the AppSync simulator does not: an RS256
 * signature from the pool's key set, the issuer, the token use, the app client and the validity period.
 */
export function createCognitoTokenVerifier(
  options: CognitoTokenVerifierOptions,
): (token: string) => Promise<VerifiedClaims> {
  const signingKey = jwksKeyStore(options)
  const clientIds = options.clientId === undefined ? undefined : [options.clientId].flat()
  const tolerance = options.clockToleranceSeconds ?? 0
  // Date.now is looked up on each call so fake clocks (tests) and the real one are read the same way.
  const now = options.now ?? (() => Date.now())

  // An RSA check is most of the cost of a request's auth, and a client sends the same token until it
  // refreshes it. Only the signature is remembered (per token text, which includes it): expiry, issuer,
  // client and the key's presence in the key set are still checked on every use.
  const verifiedSignatures = new Set<string>()
  const rememberVerifiedSignature = (token: string) => {
    if (verifiedSignatures.size >= MAX_REMEMBERED_SIGNATURES) verifiedSignatures.clear()
    verifiedSignatures.add(token)
  }

  return async (token) => {
    const { header, payload, signedPart, signature } = decodeJwt(token)
    if (header.alg === 'none') throw new CognitoTokenError('Token is not signed (alg: none)')
    if (header.alg !== 'RS256') {
      throw new CognitoTokenError(`Token is signed with ${String(header.alg)}; user-pool tokens use RS256`)
    }
    if (payload.iss !== options.issuer) {
      throw new CognitoTokenError(
        `Token was issued by ${String(payload.iss)}, not by this API's user pool (${options.issuer})`,
      )
    }
    if (typeof header.kid !== 'string') {
      throw new CognitoTokenError(
        'Token names no signing key (kid); user-pool id and access tokens always do',
      )
    }
    const key = await signingKey(header.kid)
    if (!key)
      throw new CognitoTokenError(`Token is signed with key ${header.kid}, which the user pool does not have`)
    if (!verifiedSignatures.has(token)) {
      if (!verify('RSA-SHA256', Buffer.from(signedPart), key, signature)) {
        throw new CognitoTokenError(
          'Token signature is invalid: the token was altered or not made by the user pool',
        )
      }
      rememberVerifiedSignature(token)
    }

    if (payload.token_use !== 'id' && payload.token_use !== 'access') {
      const use = payload.token_use === undefined ? 'no token_use' : `token_use ${String(payload.token_use)}`
      throw new CognitoTokenError(`Token has ${use}; only id and access tokens are accepted`)
    }
    if (options.tokenUse && payload.token_use !== options.tokenUse) {
      throw new CognitoTokenError(
        `Token is an ${payload.token_use} token; this API expects an ${options.tokenUse} token`,
      )
    }
    const client = payload.token_use === 'access' ? payload.client_id : payload.aud
    if (clientIds && ![client].flat().some((id) => clientIds.includes(id as string))) {
      throw new CognitoTokenError(
        `Token was issued to app client ${String(client)}, which this API does not accept`,
      )
    }

    const nowSeconds = now() / 1000
    if (typeof payload.exp !== 'number') throw new CognitoTokenError('Token has no expiry (exp)')
    if (nowSeconds >= payload.exp + tolerance) {
      throw new CognitoTokenError(
        `Token expired at ${new Date(payload.exp * 1000).toISOString()}: refresh the session or sign in again`,
      )
    }
    const validFrom = Math.max(numberOr(payload.nbf, -Infinity), numberOr(payload.iat, -Infinity))
    if (nowSeconds < validFrom - tolerance) {
      throw new CognitoTokenError(`Token is not valid before ${new Date(validFrom * 1000).toISOString()}`)
    }
    if (typeof payload.sub !== 'string') throw new CognitoTokenError('Token has no subject (sub)')
    return payload as VerifiedClaims
  }
}

interface DecodedJwt {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  signedPart: string
  signature: Buffer
}

const base64url = /^[A-Za-z0-9_-]*$/

function decodeJwt(token: string): DecodedJwt {
  const parts = typeof token === 'string' ? token.split('.') : []
  if (parts.length !== 3 || !parts.every((part) => base64url.test(part))) {
    throw new CognitoTokenError('Token is not a JWT (expected three base64url parts separated by dots)')
  }
  const [header, payload, signature] = parts
  return {
    header: decodeJsonPart(header, 'header'),
    payload: decodeJsonPart(payload, 'payload'),
    signedPart: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  }
}

function decodeJsonPart(part: string, name: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
  } catch {
    value = undefined
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CognitoTokenError(`Token ${name} is not a JSON object`)
  }
  return value as Record<string, unknown>
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback
}
