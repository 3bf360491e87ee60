import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto'

export interface JsonWebKeySet {
  keys: JsonWebKey[]
}

export type SigningKeyLookup = (kid: string) => Promise<KeyObject | undefined>

/** Cognito rotates keys rarely; this stops a stream of tokens with made-up kids from hammering the JWKS URL. */
const refetchIntervalMs = 30_000

/**
 * The pool's RS256 signing keys by kid. A fetched key set is cached; it is fetched again only for a kid
 * it does not hold (key rotation), at most every 30 s, and after a failed fetch.
 */
export function jwksKeyStore(source: { jwksUrl?: string; jwks?: JsonWebKeySet }): SigningKeyLookup {
  if (source.jwks) {
    const keys = importKeys(source.jwks, 'the given JWKS')
    return (kid) => Promise.resolve(keys.get(kid))
  }
  const jwksUrl = source.jwksUrl
  if (!jwksUrl) throw new Error('createCognitoTokenVerifier needs jwksUrl or jwks')
  let keys: Promise<Map<string, KeyObject>> | undefined
  let fetchedAt = 0
  const refresh = () => {
    fetchedAt = Date.now()
    const attempt = fetchKeys(jwksUrl)
    keys = attempt
    attempt.catch(() => {
      if (keys === attempt) keys = undefined
    })
    return attempt
  }
  return async (kid) => {
    const current = await (keys ?? refresh())
    if (current.has(kid) || Date.now() - fetchedAt < refetchIntervalMs) return current.get(kid)
    return (await refresh()).get(kid)
  }
}

async function fetchKeys(jwksUrl: string): Promise<Map<string, KeyObject>> {
  let jwks: JsonWebKeySet
  try {
    const response = await fetch(jwksUrl)
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    jwks = (await response.json()) as JsonWebKeySet
  } catch (error) {
    throw new Error(
      `Cannot fetch the user pool's signing keys from ${jwksUrl}: ${(error as Error).message}`,
      {
        cause: error,
      },
    )
  }
  return importKeys(jwks, jwksUrl)
}

function importKeys(jwks: JsonWebKeySet, origin: string): Map<string, KeyObject> {
  if (!jwks || !Array.isArray(jwks.keys))
    throw new Error(`${origin} is not a JSON Web Key Set (no "keys" array)`)
  const keys = new Map<string, KeyObject>()
  for (const jwk of jwks.keys) {
    // Only keys usable for RS256 signatures count: a key meant for another use or algorithm must not verify.
    const usable =
      typeof jwk.kid === 'string' &&
      jwk.kty === 'RSA' &&
      (jwk.alg === undefined || jwk.alg === 'RS256') &&
      (jwk.use === undefined || jwk.use === 'sig')
    if (usable) keys.set(jwk.kid as string, createPublicKey({ key: jwk, format: 'jwk' }))
  }
  return keys
}
