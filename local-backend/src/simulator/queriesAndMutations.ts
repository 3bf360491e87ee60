import type { IncomingMessage, ServerResponse } from 'node:http'
import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql'
import type { PubSub } from 'graphql-subscriptions'
import { exposeGraphQLErrors, simulatorAuthHelpers, simulatorGraphql } from './appSyncSimulatorAdapter'
import { iamIdentityOf } from './iamCallers'
import { parseQuery } from './parsedQueries'
import type { HttpStep } from './requestPipeline'
import { isGraphqlPath } from './routes'
import { executeAndPublish } from './subscriptionPayloads'

const { execute, getOperationAST, specifiedRules, validate } = simulatorGraphql
const { getAuthorizationMode, extractHeader, extractJwtToken } = simulatorAuthHelpers

/**
 * What of the simulator this needs: its current schema (reload swaps it), its configuration, and its pub/sub
 * (mutations publish their response to it once the request is answered: ./subscriptionPayloads.ts).
 */
export interface SimulatorState {
  schema: GraphQLSchema
  appSyncConfig: unknown
  pubsub: PubSub
}

type GraphqlBody = { query: string; variables?: Record<string, unknown>; operationName?: string }

const sendJson = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'access-control-allow-origin': '*',
  })
  res.end(text)
}

// Validation depends only on the schema and the document, and documents are shared per query text.
const validations = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, readonly GraphQLError[]>>()
function validateOnce(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[] {
  let bySchema = validations.get(schema)
  if (!bySchema) validations.set(schema, (bySchema = new WeakMap()))
  let errors = bySchema.get(document)
  if (!errors) bySchema.set(document, (errors = validate(schema, document, specifiedRules)))
  return errors
}

/**
 * Answers queries and mutations the way the simulator's `OperationServer.handleRequest` does (same auth
 * mode, context, execution and error shapes), but without going through express and with each query text
 * parsed and validated once rather than on every request: on the create path that was about a tenth of the
 * backend's time. Subscriptions over HTTP still go to the simulator. Runs after the request guard, which has
 * already read and checked the body (`req.body`).
 */
export const answerQueriesAndMutations =
  (simulator: SimulatorState): HttpStep =>
  (req, res, next) => {
    const body = (req as { body?: GraphqlBody }).body
    if (req.method !== 'POST' || !isGraphqlPath(req.url) || !body) return next()
    answer(req, res, body, simulator).then(
      (answered) => answered || next(),
      (error: Error) => {
        // As the simulator does for an error it did not expect: logged, and a 200 with the message.
        console.log('Error while executing GraphQL statement', error)
        sendJson(res, 200, { errorMessage: error.message })
      },
    )
  }

/** Resolves false for what the simulator must handle itself (a subscription sent over HTTP). */
async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  body: GraphqlBody,
  simulator: SimulatorState,
): Promise<boolean> {
  const { headers } = req
  let requestAuthorizationMode: string
  try {
    requestAuthorizationMode = getAuthorizationMode(headers, simulator.appSyncConfig)
  } catch (error) {
    sendJson(res, 401, {
      errors: [{ errorType: 'UnauthorizedException', message: (error as Error).message }],
    })
    return true
  }
  // An IAM caller is answered only when verifyIamRequests verified its signature (./iamCallers.ts).
  const iamToken = requestAuthorizationMode === 'AWS_IAM' ? iamIdentityOf(req) : undefined
  if (requestAuthorizationMode === 'AWS_IAM' && !iamToken) {
    sendJson(res, 401, {
      errors: [
        {
          errorType: 'UnauthorizedException',
          message: 'IAM callers need a signature made with the local credentials',
        },
      ],
    })
    return true
  }
  const { variables = {}, query, operationName } = body
  const document = parseQuery(query)
  const { schema } = simulator
  if (!schema) {
    sendJson(res, 200, { data: null, error: 'No schema available' })
    return true
  }
  const operation = getOperationAST(document, operationName)
  if (!operation) throw new Error('Could not get operation from the document')
  if (operation.operation === 'subscription') return false

  const authorization = extractHeader(headers, 'Authorization')
  const context = {
    jwt: authorization && extractJwtToken(authorization),
    requestAuthorizationMode,
    sourceIp: req.socket.remoteAddress,
    headers,
    appsyncErrors: [] as unknown[],
    iamToken,
  }
  const validationErrors = validateOnce(schema, document)
  if (validationErrors.length > 0) {
    sendJson(res, 200, { errors: validationErrors, data: null })
    return true
  }
  const results: { data?: Record<string, unknown> | null; errors?: readonly unknown[] } =
    await executeAndPublish(simulator.pubsub, async () =>
      execute(schema, document, null, context, variables, operationName),
    )
  const errors = [...(results.errors ?? []), ...context.appsyncErrors]
  if (errors.length > 0) results.errors = exposeGraphQLErrors(errors)
  sendJson(res, 200, { data: null, ...results })
  return true
}
