import { randomBytes } from 'node:crypto'

/** A short random tag, so each test's rooms, messages and users are its own within the shared backend. */
export function uniqueTag(): string {
  return randomBytes(4).toString('hex')
}
