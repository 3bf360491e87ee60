import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  type ProtectedHeaderParameters,
} from 'jose'

export type JsonWebKeySet = JSONWebKeySet

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

export type CognitoTokenVerifier = (token: string) => Promise<VerifiedClaims>

const MAX_REMEMBERED_TOKENS = 10_000

/** Cognito rotates keys rarely; this stops a stream of tokens with made-up kids from hammering the JWKS URL. */
const JWKS_REFETCH_COOLDOWN_MS = 30_000

/** A token was refused; the message says why in words a person can act on. */
export class CognitoTokenError extends Error {
  override name = 'CognitoTokenError'
}

/**
 * What AppSync checks on a Cognito user-pool token and the AppSync simulator does not: an RS256
 * signature from the pool's key set, the issuer, the token use, the app client and the validity period.
 * The JWT work is jose's; this adds Cognito's rules (kid, token_use, client) and turns jose's errors into
 * messages that say what to do.
 */
export function createCognitoTokenVerifier(options: CognitoTokenVerifierOptions): CognitoTokenVerifier {
  const keySet = jwksOf(options)
  const clientIds = options.clientId === undefined ? undefined : [options.clientId].flat()
  const tolerance = options.clockToleranceSeconds ?? 0
  // Date.now is looked up on each call so fake clocks (tests) and the real one are read the same way.
  const now = options.now ?? (() => Date.now())

  // An RSA check is most of the cost of a request's auth, and a client sends the same token until it
  // refreshes it. A token whose signature and claims were verified is remembered by its full text (which
  // includes the signature); each later use still checks the validity period and that the pool still has
  // the signing key. Issuer, token use and client are fixed by the text and this verifier's options.
  const remembered = new Map<string, VerifiedClaims>()

  return async (token) => {
    const header = readHeader(token)
    const known = remembered.get(token)
    if (known) {
      const [protectedPart, payload, signature] = token.split('.')
      try {
        await keySet({ ...header, alg: 'RS256' }, { protected: protectedPart, payload, signature })
      } catch (error) {
        throw explain(error, header, options.issuer)
      }
      checkValidityPeriod(known, now() / 1000, tolerance)
      return known
    }

    let payload: JWTPayload
    try {
      ;({ payload } = await jwtVerify(token, keySet, {
        issuer: options.issuer,
        algorithms: ['RS256'],
        requiredClaims: ['exp'],
        clockTolerance: tolerance,
        currentDate: new Date(now()),
      }))
    } catch (error) {
      throw explain(error, header, options.issuer)
    }
    const claims = checkCognitoClaims(payload, options.tokenUse, clientIds)
    checkValidityPeriod(claims, now() / 1000, tolerance)
    if (remembered.size >= MAX_REMEMBERED_TOKENS) remembered.clear()
    remembered.set(token, claims)
    return claims
  }
}

type KeySet = JWTVerifyGetKey

function jwksOf(options: CognitoTokenVerifierOptions): KeySet {
  if (options.jwks) return createLocalJWKSet(options.jwks)
  if (!options.jwksUrl) throw new Error('createCognitoTokenVerifier needs jwksUrl or jwks')
  return createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: JWKS_REFETCH_COOLDOWN_MS,
    // Kept until a token names a kid the set lacks (key rotation), as before; a stopped pool keeps working.
    cacheMaxAge: Infinity,
  })
}

const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/

/** Shape, algorithm and kid are checked before any key is looked up, so every odd token gets a reason. */
function readHeader(token: unknown): ProtectedHeaderParameters {
  if (typeof token !== 'string' || !compactJws.test(token)) {
    throw new CognitoTokenError('Token is not a JWT (expected three base64url parts separated by dots)')
  }
  let header: ProtectedHeaderParameters
  try {
    header = decodeProtectedHeader(token)
  } catch {
    throw new CognitoTokenError('Token header is not a JSON object')
  }
  if (header.alg === 'none') throw new CognitoTokenError('Token is not signed (alg: none)')
  if (header.alg !== 'RS256') {
    throw new CognitoTokenError(`Token is signed with ${String(header.alg)}; user-pool tokens use RS256`)
  }
  if (typeof header.kid !== 'string') {
    throw new CognitoTokenError('Token names no signing key (kid); user-pool id and access tokens always do')
  }
  if (header.crit !== undefined || header.b64 !== undefined) {
    throw new CognitoTokenError('Token uses JWS extensions (crit, b64) that user-pool tokens never use')
  }
  return header
}

/** jose's errors, in words that say what was wrong and what to do. */
function explain(error: unknown, header: ProtectedHeaderParameters, expectedIssuer: string): Error {
  if (error instanceof CognitoTokenError) return error
  if (error instanceof errors.JWTExpired) {
    return expiredError(Number(error.payload.exp))
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const { claim, payload } = error
    if (claim === 'iss') {
      return new CognitoTokenError(
        `Token was issued by ${String(payload.iss)}, not by this API's user pool (${expectedIssuer})`,
      )
    }
    if (claim === 'nbf') return notYetValidError(Number(payload.nbf))
    if (claim === 'exp') return new CognitoTokenError('Token has no expiry (exp)')
    return new CognitoTokenError(`Token claim ${claim} is invalid: ${error.reason}`)
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new CognitoTokenError(
      `Token is signed with key ${String(header.kid)}, which the user pool does not have`,
    )
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new CognitoTokenError(
      'Token signature is invalid: the token was altered or not made by the user pool',
    )
  }
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) {
    return new CognitoTokenError(`Token is not a valid JWT: ${error.message}`)
  }
  if (error instanceof errors.JOSEError) {
    return new CognitoTokenError(`Token was refused: ${error.message}`)
  }
  // Fetching the key set failed: that is the server's problem, not the token's, so it is not a token error.
  return error instanceof Error ? error : new Error(String(error))
}

function checkCognitoClaims(
  payload: JWTPayload,
  tokenUse: 'id' | 'access' | undefined,
  clientIds: readonly string[] | undefined,
): VerifiedClaims {
  const use = payload.token_use
  if (use !== 'id' && use !== 'access') {
    const said = use === undefined ? 'no token_use' : `token_use ${String(use)}`
    throw new CognitoTokenError(`Token has ${said}; only id and access tokens are accepted`)
  }
  if (tokenUse && use !== tokenUse) {
    throw new CognitoTokenError(`Token is an ${use} token; this API expects an ${tokenUse} token`)
  }
  const client = use === 'access' ? payload.client_id : payload.aud
  if (clientIds && ![client].flat().some((id) => clientIds.includes(id as string))) {
    throw new CognitoTokenError(
      `Token was issued to app client ${String(client)}, which this API does not accept`,
    )
  }
  if (typeof payload.sub !== 'string') throw new CognitoTokenError('Token has no subject (sub)')
  return payload as VerifiedClaims
}

/** exp and nbf as jose checks them, plus an iat in the future (jose checks iat only with maxTokenAge). */
function checkValidityPeriod(claims: VerifiedClaims, nowSeconds: number, tolerance: number): void {
  if (nowSeconds >= claims.exp + tolerance) throw expiredError(claims.exp)
  const validFrom = Math.max(numberOr(claims.nbf, -Infinity), numberOr(claims.iat, -Infinity))
  if (nowSeconds < validFrom - tolerance) throw notYetValidError(validFrom)
}

function expiredError(exp: number): CognitoTokenError {
  return new CognitoTokenError(
    `Token expired at ${new Date(exp * 1000).toISOString()}: refresh the session or sign in again`,
  )
}

function notYetValidError(from: number): CognitoTokenError {
  return new CognitoTokenError(`Token is not valid before ${new Date(from * 1000).toISOString()}`)
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback
}
