import type { ChatMessage } from '../../src/domain/chatMessage'

/** What the load needs of a backend: the same endpoints in-process or in a child process. */
export interface LoadEndpoints {
  graphqlEndpoint: string
  realtimeEndpoint: string
  apiKey: string
  cognitoEndpoint: string
  userPoolClientId: string
}

const REQUEST_TIMEOUT_MS = 15_000

export interface GraphqlAnswer {
  data?: Record<string, unknown> | null
  errors?: { message: string }[]
}

/** One GraphQL request over HTTP, bounded in time; rejects with the server's errors. */
export async function graphqlRequest(
  endpoint: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<Record<string, unknown>> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  const text = await response.text()
  let body: GraphqlAnswer
  try {
    body = JSON.parse(text) as GraphqlAnswer
  } catch {
    throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`)
  }
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '))
  if (!response.ok || !body.data) throw new Error(`HTTP ${response.status} without data`)
  return body.data
}

type Connection = { items: (Record<string, unknown> | null)[]; nextToken?: string | null }

/** Keeps the fields the app's timeline uses, as the app's chatApi does. */
export function toChatMessage(item: Record<string, unknown>): ChatMessage {
  const message: ChatMessage = {
    id: String(item.id),
    message: String(item.message),
    createdAt: String(item.createdAt),
  }
  if (item.updatedAt !== undefined) message.updatedAt = item.updatedAt as string | null
  if (item.roomName !== undefined) message.roomName = item.roomName as string | null
  if (item.authorName !== undefined) message.authorName = item.authorName as string | null
  if (item.owner !== undefined) message.owner = item.owner as string | null
  return message
}

/** One page of a history query (`field` is its root field), as ChatMessages. */
export async function historyPage(
  endpoint: string,
  query: string,
  field: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<{ items: ChatMessage[]; nextToken: string | null }> {
  const data = await graphqlRequest(endpoint, query, variables, headers)
  const connection = data[field] as Connection | null
  return {
    items: (connection?.items ?? []).filter((item) => item !== null).map(toChatMessage),
    nextToken: connection?.nextToken ?? null,
  }
}

/** Every message of a history query, oldest first, following nextToken (at most `maxPages` pages). */
export async function wholeHistory(
  endpoint: string,
  query: string,
  field: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
  maxPages = 10_000,
): Promise<ChatMessage[]> {
  const all: ChatMessage[] = []
  let nextToken: string | null = null
  for (let page = 0; page < maxPages; page++) {
    const result = await historyPage(
      endpoint,
      query,
      field,
      { ...variables, sortDirection: 'ASC', limit: 100, nextToken },
      headers,
    )
    all.push(...result.items)
    nextToken = result.nextToken
    if (nextToken === null) return all
  }
  throw new Error(`${field}: more than ${maxPages} pages`)
}
