import { randomBytes, scrypt, timingSafeEqual, createHash, type ScryptOptions } from 'node:crypto'

// Node's scrypt defaults (N=2^14, r=8, p=1); the parameters are stored with each hash so they can change.
const COST = { N: 16384, r: 8, p: 1 }
const KEY_LENGTH = 32
const hashPattern = /^scrypt:N=(\d+),r=(\d+),p=(\d+):([A-Za-z0-9_-]+):([A-Za-z0-9_-]+)$/

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: 64 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    )
  })
}

/** What the local pool stores instead of a password: `scrypt:N=…,r=…,p=…:<salt>:<key>` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, COST)
  return `scrypt:N=${COST.N},r=${COST.r},p=${COST.p}:${salt.toString('base64url')}:${key.toString('base64url')}`
}

export function isPasswordHash(stored: unknown): stored is string {
  return typeof stored === 'string' && hashPattern.test(stored)
}

/**
 * True when `given` is the password `stored` was made from. A stored value that is not a hash is a password
 * from a data folder written before hashing (hashed at the next start); it is compared in constant time too.
 */
export async function passwordMatches(stored: string | undefined, given: string): Promise<boolean> {
  if (stored === undefined) return false
  const match = hashPattern.exec(stored)
  if (!match) {
    const digest = (text: string) => createHash('sha256').update(text).digest()
    return timingSafeEqual(digest(stored), digest(given))
  }
  const [, N, r, p, salt, key] = match
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(given, Buffer.from(salt, 'base64url'), {
    N: Number(N),
    r: Number(r),
    p: Number(p),
  })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
