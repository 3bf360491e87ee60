import { request as httpRequest } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { startLocalCognito } from '../../local-backend/src/cognito/startLocalCognito'
import { createTestUser, type TestUser } from '../../testkit/backend/cognitoUsers'

/** What came back, before any parsing that could hide a non-JSON (HTML, stack trace) answer. */
export interface RawResponse {
  status: number
  contentType: string
  text: string
  json?: { data?: unknown; errors?: { message?: unknown; errorType?: unknown }[] }
}

/** POSTs exactly these bytes, for bodies no GraphQL client would send (not JSON, empty, oversized). */
export async function sendRaw(
  endpoint: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
  const text = await response.text()
  let json: RawResponse['json']
  try {
    json = JSON.parse(text) as RawResponse['json']
  } catch {
    json = undefined
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json }
}

/**
 * A clear error, as AppSync gives one: a JSON body with an `errors` list whose messages are plain sentences
 * (no HTML page, no stack trace with file paths) and match `message`.
 */
export function expectClearError(response: RawResponse, message: RegExp): void {
  expect(response.contentType, response.text.slice(0, 300)).toMatch(/application\/json/)
  const errors = response.json?.errors
  expect(errors, response.text.slice(0, 300)).toBeInstanceOf(Array)
  expect(errors!.length).toBeGreaterThan(0)
  for (const error of errors!) {
    expect(typeof error.message, JSON.stringify(error)).toBe('string')
    expect(error.message).not.toBe('')
    expect(error.message).not.toMatch(/<html|<pre>|\n\s+at /i)
  }
  expect(errors!.map((e) => e.message).join('\n')).toMatch(message)
}

/** The errors aws-amplify v6 rejects with; fails when the call succeeded. */
export async function amplifyErrors(
  call: Promise<unknown>,
): Promise<{ message: string; errorType?: string }[]> {
  try {
    await call
  } catch (error) {
    const errors = (error as { errors?: { message: string; errorType?: string }[] }).errors
    if (errors) return errors
    throw error
  }
  throw new Error('Expected the request to be refused, but it succeeded')
}

const listAll = (field: string) => `query Count($nextToken: String) {
  ${field}(limit: 100, nextToken: $nextToken) { items { id } nextToken }
}`

/** Every stored message of the three chats, counted through the API with the API key (which reads all). */
export async function countStoredMessages(endpoint: string, apiKey: string): Promise<number> {
  let total = 0
  for (const field of ['listOpenChats', 'listRoomChats', 'listCloseRoomChats']) {
    let nextToken: string | null = null
    do {
      const response = await sendRaw(
        endpoint,
        JSON.stringify({ query: listAll(field), variables: { nextToken } }),
        {
          'x-api-key': apiKey,
        },
      )
      const page = (response.json?.data as Record<string, { items: unknown[]; nextToken: string | null }>)?.[
        field
      ]
      if (!page) throw new Error(`Cannot count ${field}: ${response.text.slice(0, 300)}`)
      total += page.items.length
      nextToken = page.nextToken
    } while (nextToken)
  }
  return total
}

/**
 * A second local user pool with one signed-in user: its tokens are genuine (same cognito-local signing key
 * as the backend's pool) but issued by another pool, which is what AppSync must refuse.
 */
export async function userOfAnotherPool(
  email: string,
  confirmationCode: string,
): Promise<{ user: TestUser; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hostile-input-other-pool-'))
  const pool = await startLocalCognito({ port: 0, dataDir, confirmationCode, log: () => {} })
  try {
    const user = await createTestUser(
      { cognitoEndpoint: pool.endpoint, userPoolClientId: pool.userPoolClientId },
      email,
      confirmationCode,
    )
    return {
      user,
      async stop() {
        await pool.stop()
        await rm(dataDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await pool.stop()
    await rm(dataDir, { recursive: true, force: true })
    throw error
  }
}

/** A list filter nested `depth` levels deep, each level an `and` of two conditions (parentheses in DynamoDB). */
export function nestedAndFilter(depth: number): Record<string, unknown> {
  let filter: Record<string, unknown> = { message: { eq: 'never posted' } }
  for (let level = 0; level < depth; level++)
    filter = { and: [{ message: { ne: `level ${level}` } }, filter] }
  return filter
}

/** A list filter nested `depth` levels deep, one condition per level (no parentheses, only recursion). */
export function nestedSingleAndFilter(depth: number): Record<string, unknown> {
  let filter: Record<string, unknown> = { message: { eq: 'never posted' } }
  for (let level = 0; level < depth; level++) filter = { and: [filter] }
  return filter
}

/** The UTF-8 bytes of a string, to compare what came back byte for byte. */
export const utf8 = (text: string): string => Buffer.from(text, 'utf8').toString('hex')

/** One HTTP request with any method, path and headers (Host included, which fetch does not let one set). */
export function rawHttp(
  url: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const target = new URL(url)
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? 'GET',
        path: options.path ?? target.pathname,
        headers: { 'content-type': 'application/json', ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: RawResponse['json']
          try {
            json = JSON.parse(text) as RawResponse['json']
          } catch {
            json = undefined
          }
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            text,
            json,
          })
        })
      },
    )
    request.on('error', reject)
    request.end(options.body)
  })
}

/** A WebSocket handshake with the given Host: resolves with the HTTP status (101 when it was accepted). */
export function upgradeStatus(realtimeUrl: string, headers: Record<string, string>): Promise<number> {
  const target = new URL(realtimeUrl)
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      host: target.hostname,
      port: target.port,
      path: `${target.pathname}${target.search}`,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from('0123456789abcdef').toString('base64'),
        'sec-websocket-protocol': 'graphql-ws',
        ...headers,
      },
    })
    request.on('upgrade', (response, socket) => {
      socket.destroy()
      resolve(response.statusCode ?? 0)
    })
    request.on('response', (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    request.on('error', reject)
    request.end()
  })
}
