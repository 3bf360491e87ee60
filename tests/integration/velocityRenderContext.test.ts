// The local backend renders templates with its own render context (local-backend/src/simulator/
// velocityRenderContext.ts) for speed. Here every template of the compiled API is rendered twice, with the
// stock simulator's context and with ours, over contexts that take the templates down their main paths, and
// the results must be the same, apart from the fixes (isNullOrBlank, $extensions, toSubscriptionFilter).
import { parse, type FieldNode, type OperationDefinitionNode } from 'graphql'
import { beforeAll, describe, expect, it } from 'vitest'
import { VelocityTemplate } from '@aws-amplify/amplify-appsync-simulator'
import { loadCompiledApi } from '../../local-backend/src/compile/loadCompiledApi'
import { renderTemplatesFaster } from '../../local-backend/src/simulator/velocityRenderContext'
import { toVelocityValue } from '../../local-backend/src/simulator/velocityValues'
import { asRenderable, velocityValueClasses } from '../../local-backend/src/simulator/appSyncSimulatorAdapter'

const simulatorContext = {
  appSyncConfig: { defaultAuthenticationType: { authenticationType: 'AMAZON_COGNITO_USER_POOLS' } },
}

const claims = {
  sub: 'b1f5c8e2-0000-4000-8000-000000000001',
  iss: 'http://127.0.0.1:9229/local_pool',
  'cognito:username': 'b1f5c8e2-0000-4000-8000-000000000001',
  email: 'alice@example.com',
  token_use: 'id',
  aud: 'local-client',
}

function infoFor(fieldName: string, parentTypeName: string) {
  const document = parse(
    `mutation { ${fieldName}(input: {id: "1"}) { id roomName message createdAt owner ... on RoomChat { updatedAt } } }`,
  )
  const operation = document.definitions[0] as OperationDefinitionNode
  return {
    fieldName,
    fieldNodes: [operation.selectionSet.selections[0] as FieldNode],
    fragments: {},
    variableValues: { limit: 20 },
    parentType: parentTypeName,
  }
}

const item = {
  id: 'm1',
  roomName: 'room1',
  message: 'hello',
  owner: `${claims.sub}::${claims['cognito:username']}`,
  authorName: 'alice',
  createdAt: '2026-11-22T00:00:00.000Z',
  updatedAt: '2026-11-22T00:00:00.000Z',
  __typename: 'RoomChat',
}

const cases = [
  {
    name: 'an API-key create',
    request: { requestAuthorizationMode: 'API_KEY', headers: { 'x-api-key': 'da2-fake' } },
    values: {
      arguments: { input: { roomName: 'room1', message: 'hello', channel: 'open' }, condition: null },
      stash: { hasAuth: true, metadata: { dataSourceType: 'AMAZON_DYNAMODB' }, allowedFields: ['message'] },
      source: null,
      prevResult: { items: [item], nextToken: null },
      result: item,
    },
  },
  {
    name: 'a signed-in update with a filter and paging',
    request: { requestAuthorizationMode: 'AMAZON_COGNITO_USER_POOLS', jwt: claims, headers: {} },
    values: {
      arguments: {
        input: { id: 'm1', message: '   ' },
        filter: { roomName: { eq: 'room1' }, or: [{ message: { contains: 'x' } }] },
        roomName: 'room1',
        limit: 20,
        sortDirection: 'DESC',
      },
      stash: { authFilter: null, metadata: { modelObjectKey: { id: { S: 'm1' } } } },
      source: { id: 'parent', count: 2.5 },
      result: { items: [item, { ...item, id: 'm2' }], nextToken: 'abc', scannedCount: 2 },
    },
  },
  {
    name: 'an unauthorised delete',
    request: { requestAuthorizationMode: 'AMAZON_COGNITO_USER_POOLS', jwt: { ...claims, sub: 'other' } },
    values: {
      arguments: { input: { id: 'm1' } },
      stash: {},
      result: null,
      error: { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' },
    },
  },
]

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g
const EPOCH = /\b1\d{9,12}\b/g
const normalize = (value: unknown) =>
  JSON.stringify(value ?? null, (_key, v: unknown) => (v instanceof Error ? `${v.name}: ${v.message}` : v))
    .replace(UUID, '<uuid>')
    .replace(ISO_TIME, '<time>')
    .replace(EPOCH, '<epoch>')

type Rendered = ReturnType<VelocityTemplate['render']> | { threw: string }
function renderOnce(template: VelocityTemplate, values: object, request: object, info: object): Rendered {
  try {
    return template.render(values as never, structuredClone(request) as never, info as never)
  } catch (error) {
    return { threw: (error as Error).message }
  }
}

describe('the fast render context', () => {
  let templates: [string, string][]
  beforeAll(async () => {
    templates = Object.entries((await loadCompiledApi()).mappingTemplates)
  })

  it('renders every compiled template as the stock simulator does', () => {
    // The fixes change these: stock has no $extensions or toSubscriptionFilter, and its isNullOrBlank
    // passes "   " (the second case's message), so those templates are compared with the fixes' output.
    const differsByFix = (content: string) => /\$extensions|toSubscriptionFilter|isNullOrBlank/.test(content)
    let compared = 0
    for (const [path, content] of templates) {
      if (differsByFix(content)) continue
      const [typeName, fieldName] = path.replace(/^(resolvers|pipelineFunctions)\//, '').split('.')
      for (const { name, request, values } of cases) {
        const info = infoFor(fieldName ?? 'createRoomChat', typeName ?? 'Mutation')
        const stock = new VelocityTemplate({ path, content }, simulatorContext as never)
        const fast = new VelocityTemplate({ path, content }, simulatorContext as never)
        renderTemplatesFaster(asRenderable(fast))
        const expected = normalize(renderOnce(stock, values, request, info))
        const actual = normalize(renderOnce(fast, values, request, info))
        expect(actual, `${path} for ${name}`).toBe(expected)
        compared++
      }
    }
    // Most of the 126 templates take part; a change that skipped them all would fail here.
    expect(compared).toBeGreaterThan(250)
  })

  it('maps values to the same Java-like classes and JSON as the stock mapper', () => {
    const map = velocityValueClasses.stockMapper
    const samples: [unknown, string?][] = [
      [null],
      [undefined],
      [true],
      ['text'],
      [42],
      [42, 'decimal'],
      [4.5],
      [4.5, 'integer'],
      [[]],
      [['one']],
      [[1, 'two', { three: [3] }]],
      [{ a: 1, b: { c: ['x', null], d: 2.5 }, e: [], f: {} }],
      [JSON.parse('{"__proto__": {"polluted": true}, "plain": 1}')],
    ]
    for (const [value, hint] of samples) {
      const expected = map(value, hint)
      const actual = toVelocityValue(value, hint)
      expect(describeValue(actual), JSON.stringify(value)).toEqual(describeValue(expected))
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

// Class names and contents, recursively: what a template can observe of a mapped value.
function describeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  const className = (value as object).constructor?.name
  if (Array.isArray(value)) return { className, items: value.map(describeValue) }
  const javaMap = (value as { map?: unknown }).map
  if (javaMap instanceof Map) {
    return { className, entries: [...javaMap.entries()].map(([k, v]) => [k, describeValue(v)]) }
  }
  return { className, json: (value as { toJSON?: () => unknown }).toJSON?.() ?? value }
}
