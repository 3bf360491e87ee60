import type { DocumentNode } from 'graphql'
import { simulatorGraphql } from './appSyncSimulatorAdapter'

const { parse } = simulatorGraphql

// An app sends the same few query texts over and over; a cache of the last few hundred covers them all.
const MAX_ENTRIES = 500
// Long texts are not worth keeping (an app's operations are a few hundred bytes).
const MAX_CACHED_LENGTH = 16 * 1024
const documents = new Map<string, DocumentNode>()

/**
 * `graphql.parse`, remembering the documents of recent query texts. The same document object for the same
 * text also lets per-document caches (validation, selection sets) hit. Documents are never mutated by
 * validation or execution, so sharing them is safe. Throws graphql's GraphQLError for a syntax error.
 */
export function parseQuery(query: string): DocumentNode {
  const cached = documents.get(query)
  if (cached) return cached
  const document = parse(query)
  if (query.length <= MAX_CACHED_LENGTH) {
    if (documents.size >= MAX_ENTRIES) documents.delete(documents.keys().next().value as string)
    documents.set(query, document)
  }
  return document
}
