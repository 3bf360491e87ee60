import { createCloseRoomChat, createOpenChat, createRoomChat } from '../../src/graphql/mutations'
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
): Promise<StoredMessage> {
  const data = await call(backend, createRoomChat, { input: { roomName, message } })
  return data.createRoomChat as StoredMessage
}

export async function postOpenMessage(backend: BackendAddress, message: string): Promise<StoredMessage> {
  const data = await call(backend, createOpenChat, { input: { message } })
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

type Connection = { items: StoredMessage[] }

/** Every message the server holds for a room of the room chat, oldest first. */
export async function storedRoomMessages(
  backend: BackendAddress,
  roomName: string,
): Promise<StoredMessage[]> {
  const data = await call(backend, roomChatsByRoomName, { roomName, sortDirection: 'ASC', limit: 1000 })
  return (data.roomChatsByRoomName as Connection).items
}

export async function storedOpenMessages(backend: BackendAddress): Promise<StoredMessage[]> {
  const data = await call(backend, openChatsByChannel, { channel: 'open', sortDirection: 'ASC', limit: 1000 })
  return (data.openChatsByChannel as Connection).items
}

export async function storedClosedMessages(
  backend: BackendAddress,
  roomName: string,
): Promise<StoredMessage[]> {
  const data = await call(backend, closeRoomChatsByRoomName, { roomName, sortDirection: 'ASC', limit: 1000 })
  return (data.closeRoomChatsByRoomName as Connection).items
}
