import {
  startLocalBackend,
  type LocalBackend,
  type LocalBackendOptions,
} from '../../local-backend/src/startLocalBackend'

export const TEST_CONFIRMATION_CODE = '123456'

/** The real local backend, in-process: free ports, data in memory, a fixed confirmation code. */
export function startTestBackend(options: Partial<LocalBackendOptions> = {}): Promise<LocalBackend> {
  return startLocalBackend({
    port: 0,
    cognitoPort: 0,
    inMemory: true,
    confirmationCode: TEST_CONFIRMATION_CODE,
    ...options,
  })
}

/** A GraphQL request over plain HTTP, for what the Amplify client cannot send (hostile or malformed input). */
export async function postGraphql(
  endpoint: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{
  status: number
  json: { data?: Record<string, unknown> | null; errors?: { message: string; errorType?: string }[] }
}> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {
    json = { errors: [{ message: text }] }
  }
  return { status: response.status, json }
}
