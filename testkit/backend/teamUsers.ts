/**
 * Users of the local pool in Cognito groups (the project's teams and Admins), with real tokens that carry
 * `cognito:groups`. Membership is changed with Cognito's own signed admin operations, as `npm run groups`
 * does; a user's tokens show a change only after signing in again (or a refresh), as on AWS.
 */
import { signedCognitoCall } from '../../local-backend/src/cognito/signedCognitoCall'
import type { LocalBackend } from '../../local-backend/src/startLocalBackend'
import { createTestUser, signInTestUser, testDisplayName, type TestUser } from './cognitoUsers'

type PoolBackend = Pick<
  LocalBackend,
  'cognitoEndpoint' | 'userPoolClientId' | 'userPoolId' | 'awsCredentials'
>

export async function addToGroup(backend: PoolBackend, email: string, group: string): Promise<void> {
  await signedCognitoCall(backend.cognitoEndpoint, backend.awsCredentials, 'AdminAddUserToGroup', {
    UserPoolId: backend.userPoolId,
    Username: email,
    GroupName: group,
  })
}

export async function removeFromGroup(backend: PoolBackend, email: string, group: string): Promise<void> {
  await signedCognitoCall(backend.cognitoEndpoint, backend.awsCredentials, 'AdminRemoveUserFromGroup', {
    UserPoolId: backend.userPoolId,
    Username: email,
    GroupName: group,
  })
}

/**
 * A new user in `groups`, signed in after joining them, so the tokens list them. Like every test user they
 * have a display name (team posts need one) unless `displayName` is null.
 */
export async function createGroupUser(
  backend: PoolBackend,
  email: string,
  groups: readonly string[],
  confirmationCode: string,
  displayName: string | null = testDisplayName(email),
): Promise<TestUser> {
  const user = await createTestUser(backend, email, confirmationCode, undefined, displayName)
  if (groups.length === 0) return user
  for (const group of groups) await addToGroup(backend, email, group)
  return signInTestUser(backend, email, user.password)
}

/** The `cognito:groups` claim of a token (empty when the user is in no group). */
export function groupsOf(token: string): string[] {
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
    'cognito:groups'?: string[]
  }
  return claims['cognito:groups'] ?? []
}
