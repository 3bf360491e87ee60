import type { IncomingMessage, ServerResponse } from 'node:http'
import type { DocumentNode } from 'graphql'
import { parseQuery } from './parsedQueries'
import type { HttpStep } from './requestPipeline'

/** The simulator's own JSON limit; beyond it, answer as AppSync would, with JSON rather than a stack trace. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024

/**
 * dynalite parses filter expressions in exponential time in their nesting, so a filter nested a few levels
 * deep would stall the whole backend (DynamoDB answers in milliseconds). No request of this app comes close.
 */
export const MAX_ARGUMENT_DEPTH = 10

const send = (res: ServerResponse, status: number, errorType: string, message: string) => {
  res.writeHead(status, {
    'content-type': 'application/json',
    'access-control-allow-origin': '*',
    connection: 'close',
  })
  res.end(JSON.stringify({ errors: [{ errorType, message }] }))
}
const malformed = (res: ServerResponse, message: string) =>
  send(res, 400, 'MalformedHttpRequestException', message)

/**
 * Reads and checks `POST /graphql` bodies before anything else reads them, so malformed requests get AppSync's
 * JSON errors (the simulator answers with express's HTML error page or a bare `errorMessage`), then hands the
 * parsed body on as `req.body`: express.json skips a request whose body is already read.
 */
const documents = new WeakMap<IncomingMessage, DocumentNode>()
/** The parsed document of a request that passed `readGraphqlBody`. */
export const graphqlDocumentOf = (req: IncomingMessage): DocumentNode | undefined => documents.get(req)
const rawBodies = new WeakMap<IncomingMessage, Buffer>()
/** The body bytes as received (for SigV4 verification, which signs the exact bytes). */
export const rawBodyOf = (req: IncomingMessage): Buffer | undefined => rawBodies.get(req)

export const readGraphqlBody: HttpStep = (req, res, next) => {
  if (req.method !== 'POST') return next()
  const chunks: Buffer[] = []
  let size = 0
  let refused = false
  req.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size > MAX_BODY_BYTES && !refused) {
      refused = true
      send(res, 413, 'RequestEntityTooLargeException', 'The request is too large: the limit is 10 MB.')
      req.resume()
    }
    if (!refused) chunks.push(chunk)
  })
  req.on('end', () => {
    if (refused) return
    const raw = Buffer.concat(chunks)
    rawBodies.set(req, raw)
    const problem = checkBody(raw.toString('utf8'))
    if ('error' in problem)
      return problem.status === 400
        ? malformed(res, problem.error)
        : send(res, problem.status, 'ValidationError', problem.error)
    Object.assign(req, { body: problem.body, _body: true })
    documents.set(req, problem.document)
    next()
  })
}

type Checked =
  { body: { query: string; variables?: unknown }; document: DocumentNode } | { error: string; status: number }

function checkBody(text: string): Checked {
  if (text.trim() === '') return { error: 'Request body is empty.', status: 400 }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return { error: 'Unable to parse GraphQL query.', status: 400 }
  }
  if (
    !body ||
    typeof body !== 'object' ||
    Array.isArray(body) ||
    typeof (body as { query?: unknown }).query !== 'string'
  ) {
    return { error: 'Unable to parse GraphQL query.', status: 400 }
  }
  const { query, variables } = body as { query: string; variables?: unknown }
  let document: DocumentNode
  try {
    document = parseQuery(query)
  } catch (error) {
    return { error: `Unable to parse GraphQL query: ${(error as Error).message}`, status: 400 }
  }
  if (valueDepth(variables) > MAX_ARGUMENT_DEPTH || documentLiteralDepth(document) > MAX_ARGUMENT_DEPTH) {
    return {
      error: `Argument values nested deeper than ${MAX_ARGUMENT_DEPTH} levels are refused by the local backend.`,
      status: 200,
    }
  }
  return { body: body as { query: string; variables?: unknown }, document }
}

function valueDepth(value: unknown): number {
  if (!value || typeof value !== 'object') return 0
  let deepest = 0
  for (const child of Object.values(value)) deepest = Math.max(deepest, valueDepth(child))
  return deepest + 1
}

// Documents are shared per query text (./parsedQueries.ts), so their depth is worked out once.
const literalDepths = new WeakMap<DocumentNode, number>()
function documentLiteralDepth(document: DocumentNode): number {
  let depth = literalDepths.get(document)
  if (depth === undefined) literalDepths.set(document, (depth = literalDepth(document)))
  return depth
}

// Nesting of object and list literals written in the query itself.
function literalDepth(node: unknown): number {
  if (!node || typeof node !== 'object') return 0
  let deepest = 0
  for (const [key, child] of Object.entries(node))
    if (key !== 'loc') deepest = Math.max(deepest, literalDepth(child))
  const kind = (node as { kind?: string }).kind
  return deepest + (kind === 'ObjectValue' || kind === 'ListValue' ? 1 : 0)
}
