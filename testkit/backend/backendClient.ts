import {
  createCloseRoomChat,
  createOpenChat,
  createRoomChat,
  createTeamChat,
  touchRoom,
} from '../../src/graphql/mutations'
import { closeRoomChatsByRoomName, openChatsByChannel, roomChatsByRoomName } from '../../src/graphql/queries'
import { postGraphql } from './testBackend'

/**
 * A client that is not a browser: plain HTTP with the API key (or a user's ID token), to write messages
 * the pages must receive and to read what the server stored.
 */
export interface StoredMessage {
  id: string
  message: string
  createdAt: string
  owner?: string | null
  authorName?: string | null
}

interface BackendAddress {
  graphqlEndpoint: string
  apiKey: string
}

async function call(
  backend: BackendAddress,
  query: string,
  variables: Record<string, unknown>,
  idToken?: string,
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = idToken
    ? { authorization: idToken }
    : { 'x-api-key': backend.apiKey }
  const { status, json } = await postGraphql(backend.graphqlEndpoint, { query, variables }, headers)
  if (status !== 200 || json.errors?.length || !json.data) {
    throw new Error(`GraphQL call failed (${status}): ${JSON.stringify(json.errors ?? json)}`)
  }
  return json.data
}

export async function postRoomMessage(
  backend: BackendAddress,
  roomName: string,
  message: string,
  /** The sender's nickname (unverified `authorName`); none by default, as an older client posts. */
  nickname?: string,
): Promise<StoredMessage> {
  const input = nickname === undefined ? { roomName, message } : { roomName, message, authorName: nickname }
  const data = await call(backend, createRoomChat, { input })
  return data.createRoomChat as StoredMessage
}

export async function postOpenMessage(
  backend: BackendAddress,
  message: string,
  nickname?: string,
): Promise<StoredMessage> {
  const data = await call(backend, createOpenChat, {
    input: nickname === undefined ? { message } : { message, authorName: nickname },
  })
  return data.createOpenChat as StoredMessage
}

export async function postClosedMessage(
  backend: BackendAddress,
  idToken: string,
  roomName: string,
  message: string,
): Promise<StoredMessage> {
  const data = await call(backend, createCloseRoomChat, { input: { roomName, message } }, idToken)
  return data.createCloseRoomChat as StoredMessage
}

/** A team message as a member (the ID token carries the team in `cognito:groups` and a display name). */
export async function postTeamMessage(
  backend: BackendAddress,
  idToken: string,
  team: string,
  message: string,
): Promise<StoredMessage> {
  const data = await call(backend, createTeamChat, { input: { team, message } }, idToken)
  return data.createTeamChat as StoredMessage
}

/** Records a room's newest message in the rooms list, as the app does after each post. */
export async function touchRoomList(backend: BackendAddress, roomName: string): Promise<void> {
  await call(backend, touchRoom, { roomName })
}

type Connection = { items: StoredMessage[]; nextToken?: string | null }

/** Every item of a history query, oldest first, page by page (the API serves at most 100 a request). */
async function allPages(
  backend: BackendAddress,
  query: string,
  field: string,
  variables: Record<string, unknown>,
): Promise<StoredMessage[]> {
  const items: StoredMessage[] = []
  let nextToken: string | null = null
  do {
    const data = await call(backend, query, { ...variables, sortDirection: 'ASC', limit: 100, nextToken })
    const page = data[field] as Connection
    items.push(...page.items)
    nextToken = page.nextToken ?? null
  } while (nextToken)
  return items
}

/** Every message the server holds for a room of the room chat, oldest first. */
export function storedRoomMessages(backend: BackendAddress, roomName: string): Promise<StoredMessage[]> {
  return allPages(backend, roomChatsByRoomName, 'roomChatsByRoomName', { roomName })
}

export function storedOpenMessages(backend: BackendAddress): Promise<StoredMessage[]> {
  return allPages(backend, openChatsByChannel, 'openChatsByChannel', { channel: 'open' })
}

export function storedClosedMessages(backend: BackendAddress, roomName: string): Promise<StoredMessage[]> {
  return allPages(backend, closeRoomChatsByRoomName, 'closeRoomChatsByRoomName', { roomName })
}
