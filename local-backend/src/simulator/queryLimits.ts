import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { ServerResponse } from 'node:http'
import type {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLNamedType,
  GraphQLSchema,
  SelectionSetNode,
} from 'graphql'
import { graphqlDocumentOf } from './graphqlRequestGuard'
import type { HttpStep } from './requestPipeline'

/** AppSync's `queryDepthLimit` (1 to 75) and `resolverCountLimit` (1 to 10,000); 0 means AppSync's default. */
export interface QueryLimits {
  queryDepthLimit: number
  resolverCountLimit: number
}

/**
 * The limits this backend applies when the Gen 1 project sets none: AppSync-valid values (depth 1 to 75,
 * resolvers 1 to 10,000) that leave room for every operation of the app, whose deepest is 3 levels
 * (`list { items { field } }`) and which each invoke one resolver.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = { queryDepthLimit: 10, resolverCountLimit: 10 }

/**
 * The limits the project deploys, so that what AppSync enforces in the cloud this backend enforces locally:
 * the API's `limits.json` (which its `override.ts` applies to the AppSync API), else a numeric
 * `queryDepthLimit` / `resolverCountLimit` written in `override.ts` itself, else DEFAULT_QUERY_LIMITS.
 */
export async function readQueryLimits(apiDir: string): Promise<QueryLimits> {
  const fromJson = await readFile(path.join(apiDir, 'limits.json'), 'utf8').then(
    (text) => JSON.parse(text) as Partial<Record<keyof QueryLimits, unknown>>,
    () => ({}) as Partial<Record<keyof QueryLimits, unknown>>,
  )
  const source = await readFile(path.join(apiDir, 'override.ts'), 'utf8').catch(() => '')
  const fromOverride = (name: keyof QueryLimits) => {
    const match = new RegExp(`${name}['"]?\\s*[:=,]\\s*(\\d+)`, 'i').exec(source)
    return match ? Number(match[1]) : undefined
  }
  const limit = (name: keyof QueryLimits) => {
    const value = fromJson[name]
    return typeof value === 'number' && Number.isInteger(value) && value >= 0
      ? value
      : (fromOverride(name) ?? DEFAULT_QUERY_LIMITS[name])
  }
  return { queryDepthLimit: limit('queryDepthLimit'), resolverCountLimit: limit('resolverCountLimit') }
}

interface Cost {
  depth: number
  resolvers: number
}

type Fragments = Map<string, FragmentDefinitionNode>

/**
 * How deep an operation nests (a root field alone is depth 1) and how many of its fields have a resolver,
 * with fragments expanded. Each fragment is costed once, so a document whose fragments spread each other
 * many times is still measured in time linear in its size.
 */
export function operationCost(
  document: DocumentNode,
  operationName: string | undefined,
  schema: GraphQLSchema,
  hasResolver: (typeName: string, fieldName: string) => boolean,
): Cost {
  const operations = document.definitions.filter((d) => d.kind === 'OperationDefinition')
  const operation = operationName
    ? operations.find((o) => o.kind === 'OperationDefinition' && o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined
  if (!operation || operation.kind !== 'OperationDefinition') return { depth: 0, resolvers: 0 }
  const fragments: Fragments = new Map()
  for (const d of document.definitions) if (d.kind === 'FragmentDefinition') fragments.set(d.name.value, d)
  const fragmentCosts = new Map<string, Cost>()
  const visiting = new Set<string>()

  const selectionCost = (selectionSet: SelectionSetNode, type: GraphQLNamedType | undefined | null): Cost => {
    let depth = 0
    let resolvers = 0
    for (const selection of selectionSet.selections) {
      let cost: Cost
      if (selection.kind === 'Field') {
        const field =
          type && 'getFields' in type
            ? (type.getFields() as Record<string, { type: unknown }>)[selection.name.value]
            : undefined
        const inner = selection.selectionSet
          ? selectionCost(selection.selectionSet, field && namedType(field.type, schema))
          : { depth: 0, resolvers: 0 }
        cost = {
          depth: inner.depth + 1,
          resolvers: inner.resolvers + (type && hasResolver(type.name, selection.name.value) ? 1 : 0),
        }
      } else if (selection.kind === 'InlineFragment') {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type
        cost = selectionCost(selection.selectionSet, condition)
      } else {
        cost = fragmentCost(selection.name.value)
      }
      depth = Math.max(depth, cost.depth)
      resolvers += cost.resolvers
    }
    return { depth, resolvers }
  }
  const fragmentCost = (name: string): Cost => {
    const known = fragmentCosts.get(name)
    if (known) return known
    const fragment = fragments.get(name)
    // A cycle or an unknown fragment: validation refuses the document afterwards.
    if (!fragment || visiting.has(name)) return { depth: 0, resolvers: 0 }
    visiting.add(name)
    const cost = selectionCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value))
    visiting.delete(name)
    fragmentCosts.set(name, cost)
    return cost
  }
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType()
  return selectionCost(operation.selectionSet, root)
}

function namedType(type: unknown, schema: GraphQLSchema): GraphQLNamedType | undefined {
  let t = type as { ofType?: unknown; name?: string }
  while (t && t.ofType) t = t.ofType as typeof t
  return t?.name ? (schema.getType(t.name) ?? undefined) : undefined
}

// Documents are shared per query text (./parsedQueries.ts); a reload brings a new schema.
const costs = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, Cost>>>()
function cachedCost(
  document: DocumentNode,
  operationName: string | undefined,
  api: { schema: GraphQLSchema; hasResolver(typeName: string, fieldName: string): boolean },
): Cost {
  let bySchema = costs.get(api.schema)
  if (!bySchema) costs.set(api.schema, (bySchema = new WeakMap()))
  let byOperation = bySchema.get(document)
  if (!byOperation) bySchema.set(document, (byOperation = new Map()))
  let cost = byOperation.get(operationName ?? '')
  if (!cost) {
    cost = operationCost(document, operationName, api.schema, api.hasResolver)
    byOperation.set(operationName ?? '', cost)
  }
  return cost
}

const refuse = (res: ServerResponse, errorType: string, message: string) => {
  const text = JSON.stringify({ data: null, errors: [{ errorType, message }] })
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'access-control-allow-origin': '*',
  })
  res.end(text)
}

/**
 * The API's `queryDepthLimit` and `resolverCountLimit`, enforced before anything runs: one request with
 * thousands of aliases would otherwise become thousands of table scans. (AppSync applies them while it
 * executes, failing the fields past the limit; here the whole operation is refused before any resolver runs.)
 */
export const enforceQueryLimits =
  (
    limits: QueryLimits,
    api: { schema: GraphQLSchema; hasResolver(typeName: string, fieldName: string): boolean },
  ): HttpStep =>
  (req, res, next) => {
    const document = graphqlDocumentOf(req)
    if (!document || (!limits.queryDepthLimit && !limits.resolverCountLimit)) return next()
    const { operationName } = (req as { body?: { operationName?: string } }).body ?? {}
    const { depth, resolvers } = cachedCost(document, operationName, api)
    if (limits.queryDepthLimit && depth > limits.queryDepthLimit) {
      return refuse(
        res,
        'QueryDepthLimitExceeded',
        `The query is ${depth} levels deep; this API's queryDepthLimit is ${limits.queryDepthLimit}.`,
      )
    }
    if (limits.resolverCountLimit && resolvers > limits.resolverCountLimit) {
      return refuse(
        res,
        'ResolverCountLimitExceeded',
        `The query would invoke ${resolvers} resolvers; this API's resolverCountLimit is ${limits.resolverCountLimit}.`,
      )
    }
    next()
  }
