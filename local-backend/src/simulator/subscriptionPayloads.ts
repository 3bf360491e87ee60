import { AsyncLocalStorage } from 'node:async_hooks'
import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLFieldResolver,
  GraphQLSchema,
  SelectionSetNode,
} from 'graphql'
import type { PubSub } from 'graphql-subscriptions'

/**
 * What subscribers receive, as on AppSync: the mutation's response, only the fields the mutation selected
 * (every other field null), never the whole stored item. AppSync documents that a subscription's fields come
 * from the mutation's selection set and that its arguments can only match selected fields
 * (https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html, amplify-cli #4745).
 * The stock simulator publishes the raw item from inside the mutation's resolver, so a mutation that forgot
 * `roomName` still reached `onCreateRoomChatByRoomName(roomName: ...)` subscribers locally and reached none
 * on AppSync. Here the simulator's publications wait until the request's response is complete, and carry
 * that response (field resolvers applied: an owner field holds the user name, not `<sub>::<username>`).
 */

interface Publication {
  trigger: string
  payload: unknown
}
interface MutationField {
  responseKey: string
  fieldNodes: readonly FieldNode[]
  fragments: Record<string, FragmentDefinitionNode>
  publications: Publication[]
}

const requestMutations = new AsyncLocalStorage<MutationField[]>()
const currentMutation = new AsyncLocalStorage<MutationField>()
const deferringPubSubs = new WeakSet<object>()
const wrappedResolvers = new WeakSet<GraphQLFieldResolver<unknown, unknown>>()

/**
 * Holds back what the simulator publishes while a mutation field of a request run through
 * executeAndPublish resolves (the simulator publishes from its `@aws_subscribe` wrapper, inside the field's
 * resolver). Requests run any other way publish at once, as the stock simulator does.
 */
export function deferMutationPublications(schema: GraphQLSchema, pubsub: PubSub): void {
  if (!deferringPubSubs.has(pubsub)) {
    deferringPubSubs.add(pubsub)
    const publish = pubsub.publish.bind(pubsub)
    pubsub.publish = (trigger: string, payload: unknown) => {
      const mutation = currentMutation.getStore()
      if (!mutation) return publish(trigger, payload)
      mutation.publications.push({ trigger, payload })
      return Promise.resolve()
    }
  }
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve
    if (!resolve || wrappedResolvers.has(resolve)) continue
    const deferred: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
      const mutations = requestMutations.getStore()
      if (!mutations) return resolve(source, args, context, info)
      const mutation: MutationField = {
        responseKey: String(info.path.key),
        fieldNodes: info.fieldNodes,
        fragments: info.fragments,
        publications: [],
      }
      mutations.push(mutation)
      return currentMutation.run(mutation, () => resolve(source, args, context, info))
    }
    wrappedResolvers.add(deferred)
    field.resolve = deferred
  }
}

/**
 * A subscription's fields below its root field read the published response and run no resolver, as on
 * AppSync, which sends subscribers the mutation's response and never queries a data source for a field the
 * mutation did not select (https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html,
 * amplify-cli #6478). The simulator ran the field's resolver again on the payload: a relational field
 * (`@belongsTo`, `@hasMany`) was fetched for subscribers when the mutation had not selected it, and came back
 * null with a DynamoDB error when the mutation selected it but not the key it is fetched by.
 */
export function readSubscriptionFieldsFromPayload(schema: GraphQLSchema): void {
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].map((t) => t?.name),
  )
  for (const type of Object.values(schema.getTypeMap())) {
    if (roots.has(type.name) || type.name.startsWith('__') || !('getFields' in type)) continue
    for (const field of Object.values(type.getFields()) as {
      type: unknown
      resolve?: GraphQLFieldResolver<unknown, unknown>
    }[]) {
      const resolve = field.resolve
      if (payloadReaders.has(resolve!)) continue
      if (namedTypeName(field.type) === 'AWSJSON') {
        const readJson: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) =>
          info.operation.operation === 'subscription'
            ? parseJsonText((source as Plain | null)?.[info.fieldName])
            : resolve
              ? resolve(source, args, context, info)
              : (source as Plain | null)?.[info.fieldName]
        payloadReaders.add(readJson)
        field.resolve = readJson
        continue
      }
      if (!resolve) continue
      const readPayload: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) =>
        info.operation.operation === 'subscription'
          ? ((source as Plain | null)?.[info.fieldName] ?? null)
          : resolve(source, args, context, info)
      payloadReaders.add(readPayload)
      field.resolve = readPayload
    }
  }
}
const payloadReaders = new WeakSet<GraphQLFieldResolver<unknown, unknown>>()

/**
 * An AWSJSON field of the published response is already JSON text (the mutation's response was serialized),
 * and the subscription serializes it once more: subscribers got that text encoded a second time (for `{"a":1}`
 * the string `"{\"a\":1}"`), where AppSync sends them what the mutation's caller got. So the payload's text is
 * read back to its value first (lists of AWSJSON item by item).
 */
function parseJsonText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(parseJsonText)
  if (typeof value !== 'string') return value ?? null
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

// Duck-typed (see filteredSubscriptions.ts): the name of a field's type under its list and non-null wrappers.
function namedTypeName(type: unknown): string | undefined {
  let named = type
  while (named && typeof named === 'object' && 'ofType' in named)
    named = (named as { ofType: unknown }).ofType
  return (named as { name?: string } | undefined)?.name
}

/**
 * Runs a request's execution, then publishes each mutation's response (by field name, only the fields it
 * selected) to the subscriptions the simulator would have fed with the stored item. A mutation whose
 * response is null (it failed) publishes nothing.
 */
export async function executeAndPublish<T extends { data?: Record<string, unknown> | null }>(
  pubsub: PubSub,
  execute: () => Promise<T>,
): Promise<T> {
  const mutations: MutationField[] = []
  const result = await requestMutations.run(mutations, execute)
  for (const { responseKey, fieldNodes, fragments, publications } of mutations) {
    const response = result.data?.[responseKey]
    if (response === null || response === undefined) continue
    const payload = selectedFields(response, fieldNodes, fragments)
    for (const { trigger } of publications) await pubsub.publish(trigger, payload)
  }
  return result
}

type Fragments = Record<string, FragmentDefinitionNode>
type Plain = Record<string, unknown>

/** A response value keyed by field name instead of response key (alias), with only the selected fields. */
export function selectedFields(
  response: unknown,
  fieldNodes: readonly FieldNode[],
  fragments: Fragments,
): unknown {
  const selectionSets = fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []))
  return project(response, selectionSets, fragments)
}

function project(value: unknown, selectionSets: SelectionSetNode[], fragments: Fragments): unknown {
  if (Array.isArray(value)) return value.map((item) => project(item, selectionSets, fragments))
  if (value === null || typeof value !== 'object' || selectionSets.length === 0) return value
  const byField = new Map<string, { key: string; selectionSets: SelectionSetNode[] }[]>()
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === 'Field') {
        const uses = byField.get(selection.name.value) ?? []
        uses.push({
          key: selection.alias?.value ?? selection.name.value,
          selectionSets: selection.selectionSet ? [selection.selectionSet] : [],
        })
        byField.set(selection.name.value, uses)
      } else if (selection.kind === 'InlineFragment') {
        collect(selection.selectionSet)
      } else {
        const fragment = fragments[selection.name.value]
        if (fragment) collect(fragment.selectionSet)
      }
    }
  }
  selectionSets.forEach(collect)
  const response = value as Plain
  const projected: Plain = {}
  for (const [fieldName, uses] of byField) {
    // The same field under several aliases: their sub-selections together, the first value present.
    const use = uses.find(({ key }) => key in response)
    if (!use) continue
    projected[fieldName] = project(
      response[use.key],
      uses.flatMap((u) => (u.key === use.key ? u.selectionSets : [])),
      fragments,
    )
  }
  return projected
}
