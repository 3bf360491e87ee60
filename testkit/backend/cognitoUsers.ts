/**
 * Test users in the local pool, made through Cognito's own API (SignUp, ConfirmSignUp, InitiateAuth with
 * USER_PASSWORD_AUTH), so their tokens are real tokens of the local pool.
 */
export interface TestUser {
  email: string
  password: string
  idToken: string
  accessToken: string
  username: string
}

export async function cognitoCall<T>(
  endpoint: string,
  target: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
      ...headers,
    },
    body: JSON.stringify(body),
  })
  const json = (await response.json()) as T & { message?: string }
  if (!response.ok)
    throw new Error(`${target} failed: ${response.status} ${json.message ?? JSON.stringify(json)}`)
  return json
}

export async function createTestUser(
  backend: { cognitoEndpoint: string; userPoolClientId: string },
  email: string,
  confirmationCode: string,
  password = 'Passw0rd!long',
  displayName: string | null = testDisplayName(email),
): Promise<TestUser> {
  const { cognitoEndpoint: endpoint, userPoolClientId: ClientId } = backend
  await cognitoCall(endpoint, 'SignUp', {
    ClientId,
    Username: email,
    Password: password,
    UserAttributes: [
      { Name: 'email', Value: email },
      ...(displayName === null ? [] : [{ Name: 'preferred_username', Value: displayName }]),
    ],
  })
  await cognitoCall(endpoint, 'ConfirmSignUp', {
    ClientId,
    Username: email,
    ConfirmationCode: confirmationCode,
  })
  return signInTestUser(backend, email, password)
}

/**
 * Test users get a display name (the sign-up form asks for one) unless a test passes null: the part of the
 * address before the @, which the tests choose. The app never derives anything from an address.
 */
export function testDisplayName(email: string): string {
  return email.slice(0, email.indexOf('@')).replace(/[^A-Za-z0-9._-]/g, '_')
}

export async function signInTestUser(
  backend: { cognitoEndpoint: string; userPoolClientId: string },
  email: string,
  password: string,
): Promise<TestUser> {
  const auth = await cognitoCall<{ AuthenticationResult: { IdToken: string; AccessToken: string } }>(
    backend.cognitoEndpoint,
    'InitiateAuth',
    {
      ClientId: backend.userPoolClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    },
  )
  const { IdToken: idToken, AccessToken: accessToken } = auth.AuthenticationResult
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as {
    username: string
  }
  return { email, password, idToken, accessToken, username: claims.username }
}
