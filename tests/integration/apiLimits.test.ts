import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { Kind, parse } from 'graphql'
import ts from 'typescript'
import { Stack } from 'aws-cdk-lib'
import { Template } from 'aws-cdk-lib/assertions'
import { CfnGraphQLApi } from 'aws-cdk-lib/aws-appsync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LocalBackend } from '../../local-backend/src/startLocalBackend'
import { compileApi } from '../../local-backend/src/compile/compileApi'
import { defaultApiDir } from '../../local-backend/src/compile/readApiProject'
import { startTestBackend, TEST_CONFIRMATION_CODE } from '../../testkit/backend/testBackend'
import { configureAmplify } from '../../testkit/backend/amplifyClient'
import type { TestUser } from '../../testkit/backend/cognitoUsers'
import { createGroupUser } from '../../testkit/backend/teamUsers'
import * as queries from '../../src/graphql/queries'
import { amplifyErrors } from './hostileInputHelpers'

/**
 * The API's request limits live in amplify/backend/api/chatapi/limits.json: override.ts gives AppSync its
 * query depth and resolver count limits from it, and the list-query slots refuse a `limit` above
 * `listLimitMax`. These tests check the slots against the file and run them on the local backend.
 */
const limits = JSON.parse(await readFile(path.join(defaultApiDir, 'limits.json'), 'utf8')) as {
  queryDepthLimit: number
  resolverCountLimit: number
  listLimitMax: number
}

/** The list-query slot, as it must read for the limit in limits.json. */
function listLimitSlot(max: number): string {
  return `## List queries read at most ${max} items a request (\`listLimitMax\` in ../limits.json; a test checks this file
## against it). A larger or non-positive \`limit\` gets a clear error instead of being clamped in silence.
## Without \`limit\` the generated resolver reads 100.
#set( $limit = $ctx.args.limit )
#if( !$util.isNull($limit) && ($limit < 1 || $limit > ${max}) )
  $util.error("limit must be from 1 to ${max}; it was $limit.", "ValidationError")
#end
$util.toJson({})
`
}

/** Every Query field of the compiled API that takes a `limit`. */
async function listQueryFields(): Promise<string[]> {
  const api = await compileApi()
  // The syntax tree only: the compiled schema uses AppSync's directives, which graphql-js does not define.
  return parse(api.schema)
    .definitions.flatMap((definition) =>
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      definition.name.value === 'Query'
        ? (definition.fields ?? [])
        : [],
    )
    .filter((field) => field.arguments?.some((arg) => arg.name.value === 'limit'))
    .map((field) => field.name.value)
    .sort()
}

describe('limits.json', () => {
  it('holds whole numbers within what AppSync accepts', () => {
    expect(Object.keys(limits).sort()).toEqual(['listLimitMax', 'queryDepthLimit', 'resolverCountLimit'])
    // CloudFormation: QueryDepthLimit 0-75, ResolverCountLimit 0-10000 (0 means no limit: not allowed here).
    expect(Number.isInteger(limits.queryDepthLimit) && limits.queryDepthLimit >= 1).toBe(true)
    expect(limits.queryDepthLimit).toBeLessThanOrEqual(75)
    expect(Number.isInteger(limits.resolverCountLimit) && limits.resolverCountLimit >= 1).toBe(true)
    expect(limits.resolverCountLimit).toBeLessThanOrEqual(10_000)
    expect(Number.isInteger(limits.listLimitMax) && limits.listLimitMax >= 1).toBe(true)
  })

  it('every list query has the limit slot, written for listLimitMax', async () => {
    const fields = await listQueryFields()
    expect(fields.length).toBeGreaterThan(0)
    for (const field of fields) {
      const file = path.join(defaultApiDir, 'resolvers', `Query.${field}.init.1.req.vtl`)
      const text = await readFile(file, 'utf8').catch(() => `(missing: ${file})`)
      expect(text, file).toBe(listLimitSlot(limits.listLimitMax))
    }
  })
})

describe('override.ts', () => {
  // The CLI compiles override.ts into build/override.js next to it and calls `override()` with the API's
  // CloudFormation resources; here the same file layout, the same CommonJS output, and a real CfnGraphQLApi.
  // (check:amplify-cli runs the real CLI and checks the template it writes.)
  it('gives AppSync the query depth and resolver count limits of limits.json', async () => {
    const apiDir = await mkdtemp(path.join(os.tmpdir(), 'override-'))
    try {
      const source = await readFile(path.join(defaultApiDir, 'override.ts'), 'utf8')
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2015 },
      })
      await mkdir(path.join(apiDir, 'build'))
      await writeFile(path.join(apiDir, 'build', 'override.js'), outputText)
      await copyFile(path.join(defaultApiDir, 'limits.json'), path.join(apiDir, 'limits.json'))
      const { override } = createRequire(import.meta.url)(path.join(apiDir, 'build', 'override.js'))

      const stack = new Stack()
      const api = new CfnGraphQLApi(stack, 'GraphQLAPI', { name: 'chatapi', authenticationType: 'API_KEY' })
      override({ api: { GraphQLAPI: api } }, { envName: 'test', projectName: 'chat' })

      const [properties] = Object.values(Template.fromStack(stack).findResources('AWS::AppSync::GraphQLApi'))
      expect(properties.Properties).toMatchObject({
        QueryDepthLimit: limits.queryDepthLimit,
        ResolverCountLimit: limits.resolverCountLimit,
      })
    } finally {
      await rm(apiDir, { recursive: true, force: true })
    }
  })
})

describe('list limits on the local backend (aws-amplify v6)', () => {
  let backend: LocalBackend
  let amplify: ReturnType<typeof configureAmplify>
  let alice: TestUser

  beforeAll(async () => {
    backend = await startTestBackend()
    amplify = configureAmplify(backend.config)
    // In TeamRed, so the team chat's lists answer her.
    alice = await createGroupUser(backend, 'limits-alice@example.com', ['TeamRed'], TEST_CONFIRMATION_CODE)
  })

  afterAll(async () => {
    await backend?.stop()
  })

  const cases: { field: keyof typeof queries; variables: Record<string, unknown> }[] = [
    { field: 'listOpenChats', variables: {} },
    { field: 'openChatsByChannel', variables: { channel: 'open' } },
    { field: 'listRoomChats', variables: {} },
    { field: 'roomChatsByRoomName', variables: { roomName: 'limits' } },
    { field: 'listCloseRoomChats', variables: {} },
    { field: 'closeRoomChatsByRoomName', variables: { roomName: 'limits' } },
    { field: 'roomsByActivity', variables: { kind: 'room' } },
    { field: 'listTeamChats', variables: {} },
    { field: 'teamChatsByTeam', variables: { team: 'TeamRed' } },
  ]

  it('the cases cover every list query', async () => {
    expect(cases.map((c) => c.field).sort()).toEqual(await listQueryFields())
  })

  describe.each(cases)('$field', ({ field, variables }) => {
    const query = queries[field]
    const authModes = field.toLowerCase().includes('close')
      ? (['apiKey', 'userPool'] as const)
      : field.toLowerCase().includes('team')
        ? (['userPool'] as const)
        : (['apiKey'] as const)

    it.each(authModes)('refuses a limit above the cap, zero or negative (%s)', async (authMode) => {
      amplify.signInAs(authMode === 'userPool' ? alice : undefined)
      for (const limit of [limits.listLimitMax + 1, 1000, 2_147_483_647, 0, -1]) {
        const errors = await amplifyErrors(
          amplify.client.graphql({ query, variables: { ...variables, limit }, authMode }),
        )
        expect(errors, `limit ${limit}`).toEqual([
          expect.objectContaining({
            errorType: 'ValidationError',
            message: `limit must be from 1 to ${limits.listLimitMax}; it was ${limit}.`,
          }),
        ])
      }
    })

    it.each(authModes)('answers with the cap, 1 and no limit (%s)', async (authMode) => {
      amplify.signInAs(authMode === 'userPool' ? alice : undefined)
      for (const limit of [limits.listLimitMax, 1, undefined]) {
        const result = (await amplify.client.graphql({
          query,
          variables: { ...variables, limit },
          authMode,
        })) as { data: Record<string, { items: unknown[] }> }
        expect(result.data[field].items, `limit ${limit}`).toBeInstanceOf(Array)
      }
    })
  })
})
