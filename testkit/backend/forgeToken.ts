import { sign } from 'node:crypto'
import { cognitoLocalPrivateKeyPem } from '../../local-backend/src/cognito/cognitoLocalAdapter'

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')

/**
 * A token the local pool never issued, made from a real one: claims changed, and either a forged signature
 * or a valid signature by cognito-local's shipped development key (so only the claims make it invalid).
 */
export function forgeToken(
  token: string,
  options: { claims?: Record<string, unknown>; signature?: string; resign?: boolean },
): string {
  const [header, payload, signature] = token.split('.')
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...options.claims }
  const signedPart = `${header}.${b64(claims)}`
  if (options.resign) return `${signedPart}.${signWithCognitoLocalKey(signedPart)}`
  return `${signedPart}.${options.signature ? Buffer.from(options.signature).toString('base64url') : signature}`
}

function signWithCognitoLocalKey(signedPart: string): string {
  return sign('RSA-SHA256', Buffer.from(signedPart), cognitoLocalPrivateKeyPem()).toString('base64url')
}
