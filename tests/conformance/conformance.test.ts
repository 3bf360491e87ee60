import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalBackend, type LocalBackend } from '../../local-backend/src/startLocalBackend'
import { configureAmplify } from '../../testkit/backend/amplifyClient'
import { subscribeAndWait } from '../../testkit/backend/amplifySubscription'
import { createTestUser } from '../../testkit/backend/cognitoUsers'
import { signedCognitoCall } from '../../local-backend/src/cognito/signedCognitoCall'
import { postGraphql, TEST_CONFIRMATION_CODE } from '../../testkit/backend/testBackend'

/**
 * The conformance corpus: small Gen 1 projects nobody here wrote the app for (projects/<name>/amplify/...),
 * each served by the local backend and called through aws-amplify v6 configured from the JSON the backend
 * writes, as an app would be. Every row names the AppSync or Amplify CLI behaviour it mirrors.
 */
const projectsDir = path.join(import.meta.dirname, 'projects')

interface Row {
  name: string
  /** The AppSync / Amplify CLI behaviour the row mirrors, and where it is documented. */
  mirrors: string
  doc: string
  run: () => Promise<void>
}

interface Served {
  backend: LocalBackend
  amplify: ReturnType<typeof configureAmplify>
  logs: string[]
}

const temporaryDirs: string[] = []
afterAll(() => Promise.all(temporaryDirs.map((d) => rm(d, { recursive: true, force: true }))))
const tempDir = async (prefix: string) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  temporaryDirs.push(dir)
  return dir
}

/** A copy of a corpus project, so a row may edit its schema. */
async function copyProject(name: string): Promise<string> {
  const dir = await tempDir(`conformance-${name}-`)
  await cp(path.join(projectsDir, name), dir, { recursive: true })
  return dir
}

async function serve(projectDir: string, options: { dataDir?: string } = {}): Promise<Served> {
  const logs: string[] = []
  const backend = await startLocalBackend({
    projectDir,
    port: 0,
    cognitoPort: 0,
    ...(options.dataDir ? { dataDir: options.dataDir } : { inMemory: true }),
    confirmationCode: TEST_CONFIRMATION_CODE,
    log: (line) => logs.push(line),
  })
  return { backend, amplify: configureAmplify(backend.config), logs }
}

type GraphqlResult = { data?: Record<string, unknown>; errors?: { message: string; errorType?: string }[] }

/** A call through aws-amplify v6; refusals come back as the rejected value's `errors`, as v6 reports them. */
async function call(
  served: Served,
  query: string,
  variables: Record<string, unknown> = {},
  authMode?: 'apiKey' | 'userPool',
): Promise<GraphqlResult> {
  try {
    return (await served.amplify.client.graphql({
      query,
      variables,
      ...(authMode && { authMode }),
    } as never)) as GraphqlResult
  } catch (error) {
    if ((error as GraphqlResult).errors) return error as GraphqlResult
    throw error
  }
}

const docs = {
  globalAuthRule:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/customize-authorization-rules/#global-authorization-rule-only-for-getting-started',
  publicAuth:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/customize-authorization-rules/#public-data-access',
  authModes: 'https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html',
  configureApi: 'https://docs.amplify.aws/gen1/javascript/tools/cli/graphqlapi/',
  index:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/data-modeling/#configure-a-secondary-index',
  gsiBackfill: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.html',
  customResources:
    'https://docs.amplify.aws/gen1/javascript/tools/cli-legacy/override-resolvers/#add-a-custom-resolver-that-targets-a-dynamodb-table-from-model',
  authResource: 'https://docs.amplify.aws/gen1/javascript/build-a-backend/auth/set-up-auth/',
  pipelineResolvers: 'https://docs.aws.amazon.com/appsync/latest/devguide/pipeline-resolvers.html',
  noneDataSource: 'https://docs.aws.amazon.com/appsync/latest/devguide/tutorial-local-resolvers.html',
  subscribeArguments:
    'https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html#using-subscription-arguments',
}

const createTodo = /* GraphQL */ `
  mutation CreateTodo($input: CreateTodoInput!) {
    createTodo(input: $input) {
      id
      name
      description
    }
  }
`
const listTodos = /* GraphQL */ `
  query ListTodos {
    listTodos {
      items {
        id
        name
      }
    }
  }
`

function rows(title: string, project: string, build: (get: () => Served) => Row[]) {
  describe(title, () => {
    let served: Served | undefined
    beforeAll(async () => {
      served = await serve(path.join(projectsDir, project))
    })
    afterAll(() => served?.backend.stop())
    const get = () => {
      // Amplify's configuration is global: point it at this project's backend before each row.
      served!.amplify = configureAmplify(served!.backend.config)
      return served!
    }
    for (const row of build(get)) it(`${row.name} (mirrors: ${row.mirrors}; ${row.doc})`, row.run)
  })
}

rows(
  'todo-default: the stock `amplify add api` Todo project (API key default, global auth rule)',
  'todo-default',
  (get) => [
    {
      name: 'the config names API_KEY as the default mode and writes no user pool',
      mirrors: 'amplify push writes the API default auth mode into amplifyconfiguration.json',
      doc: docs.configureApi,
      run: async () => {
        const { config } = get().backend
        expect(config.aws_appsync_authenticationType).toBe('API_KEY')
        expect(config.aws_appsync_apiKey).toBe(get().backend.apiKey)
        expect(config.aws_user_pools_id).toBeUndefined()
        expect(get().backend.hasUserPool).toBe(false)
      },
    },
    {
      name: 'createTodo and listTodos with the default mode (no authMode given) are allowed',
      mirrors: 'globalAuthRule { allow: public } opens every model to the API key (sandbox mode)',
      doc: docs.globalAuthRule,
      run: async () => {
        const served = get()
        const created = await call(served, createTodo, { input: { name: 'buy milk' } })
        expect(created.errors).toBeUndefined()
        const listed = await call(served, listTodos)
        expect(listed.errors).toBeUndefined()
        expect((listed.data!.listTodos as { items: { name: string }[] }).items.map((t) => t.name)).toContain(
          'buy milk',
        )
      },
    },
    {
      name: 'the CLI warning about the global auth rule is printed at compile',
      mirrors: "amplify-category-api's showGlobalSandboxModeWarning",
      doc: docs.globalAuthRule,
      run: async () => {
        expect(get().logs.join('\n')).toMatch(
          /allows public create, read, update, and delete access to all models via an API Key/,
        )
      },
    },
  ],
)

rows(
  'renamed-api-no-auth: an API named blogapi, API key only, no auth resource',
  'renamed-api-no-auth',
  (get) => [
    {
      name: 'starts from backend-config.json without a user pool, saying what that means',
      mirrors:
        'the CLI reads its resources from backend-config.json; an API without Cognito has no user pool',
      doc: docs.configureApi,
      run: async () => {
        const served = get()
        expect(served.backend.api.apiName).toBe('blogapi')
        expect(served.backend.hasUserPool).toBe(false)
        expect(() => served.backend.userPoolId).toThrow(/no auth resource/)
        expect(served.logs.join('\n')).toMatch(/No auth resource .* no local user pool runs/)
      },
    },
    {
      name: 'createPost with the API key is allowed',
      mirrors: '@auth public rule with operations [create, read]',
      doc: docs.publicAuth,
      run: async () => {
        const created = await call(
          get(),
          /* GraphQL */ `
            mutation CreatePost($input: CreatePostInput!) {
              createPost(input: $input) {
                id
                title
              }
            }
          `,
          { input: { id: 'p1', title: 'Hello' } },
        )
        expect(created.errors).toBeUndefined()
        expect(created.data!.createPost).toMatchObject({ id: 'p1', title: 'Hello' })
      },
    },
    {
      name: 'deletePost with the API key is refused (Unauthorized)',
      mirrors: 'operations not listed in a public rule are denied',
      doc: docs.publicAuth,
      run: async () => {
        const deleted = await call(
          get(),
          /* GraphQL */ `
            mutation DeletePost($input: DeletePostInput!) {
              deletePost(input: $input) {
                id
              }
            }
          `,
          { input: { id: 'p1' } },
        )
        expect(deleted.errors?.[0].errorType).toBe('Unauthorized')
      },
    },
    {
      name: 'a request with a user-pool style token and no API key is refused with 401',
      mirrors: 'AppSync refuses an authorization mode the API does not have',
      doc: docs.authModes,
      run: async () => {
        const claims = Buffer.from(
          JSON.stringify({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/x', sub: 'u', token_use: 'id' }),
        ).toString('base64url')
        const response = await postGraphql(
          get().backend.graphqlEndpoint,
          { query: '{ listPosts { items { id } } }' },
          { authorization: `eyJhbGciOiJSUzI1NiJ9.${claims}.c2ln` },
        )
        expect(response.status).toBe(401)
      },
    },
  ],
)

const publish = /* GraphQL */ `
  mutation Publish($channel: String!, $body: String!) {
    publish(channel: $channel, body: $body) {
      channel
      body
    }
  }
`

rows(
  'custom-none-resolver: a NONE data source and resolver in stacks/, auth resource named eventsauth',
  'custom-none-resolver',
  (get) => [
    {
      name: 'the user pool is created from the auth resource the API depends on (eventsauth)',
      mirrors: 'the API depends on auth.<name> in backend-config.json',
      doc: docs.configureApi,
      run: async () => {
        const { backend } = get()
        expect(backend.hasUserPool).toBe(true)
        expect(backend.config.aws_user_pools_id).toBe(backend.userPoolId)
        expect(backend.config.aws_appsync_authenticationType).toBe('API_KEY')
      },
    },
    {
      name: "the local pool is eventsauth's (its userPoolName), not another resource's",
      mirrors: 'the user pool is the one `amplify add auth` configured in auth/<name>/cli-inputs.json',
      doc: docs.authResource,
      run: async () => {
        const { backend } = get()
        const { UserPool } = await signedCognitoCall<{ UserPool: { Name: string } }>(
          backend.cognitoEndpoint,
          backend.awsCredentials,
          'DescribeUserPool',
          { UserPoolId: backend.userPoolId },
        )
        expect(UserPool.Name).toBe('eventsauth_userpool')
      },
    },
    {
      name: 'publish resolves on the custom NONE data source with the API key',
      mirrors: 'AppSync local resolvers: a NONE data source returns the request payload',
      doc: docs.noneDataSource,
      run: async () => {
        const result = await call(get(), publish, { channel: 'c1', body: 'hi' })
        expect(result.errors).toBeUndefined()
        expect(result.data!.publish).toEqual({ channel: 'c1', body: 'hi' })
      },
    },
    {
      name: 'a pipeline resolver runs a FunctionConfiguration declared in the custom stack',
      mirrors: 'AppSync pipeline resolvers and functions (AWS::AppSync::FunctionConfiguration)',
      doc: docs.pipelineResolvers,
      run: async () => {
        const result = await call(get(), 'query Shout($text: String!) { shout(text: $text) }', {
          text: 'hey',
        })
        expect(result.errors).toBeUndefined()
        expect(result.data!.shout).toBe('HEY')
      },
    },
    {
      name: 'publish through a user-pool token of the eventsauth pool',
      mirrors: 'additional auth mode AMAZON_COGNITO_USER_POOLS with @aws_cognito_user_pools',
      doc: docs.authModes,
      run: async () => {
        const served = get()
        const user = await createTestUser(served.backend, 'events@example.com', TEST_CONFIRMATION_CODE)
        served.amplify.signInAs(user)
        const result = await call(served, publish, { channel: 'c1', body: 'signed' }, 'userPool')
        expect(result.errors).toBeUndefined()
        expect(result.data!.publish).toEqual({ channel: 'c1', body: 'signed' })
      },
    },
    {
      name: 'onPublish(channel) receives what publish returns on its channel only',
      mirrors: 'custom subscriptions with @aws_subscribe and arguments, fed by a custom resolver',
      doc: docs.subscribeArguments,
      run: async () => {
        const served = get()
        const live = await subscribeAndWait<{ channel: string; body: string }>(served.amplify.client, {
          query: /* GraphQL */ `
            subscription OnPublish($channel: String!) {
              onPublish(channel: $channel) {
                channel
                body
              }
            }
          `,
          variables: { channel: 'news' },
          authMode: 'apiKey',
        })
        try {
          await call(served, publish, { channel: 'other', body: 'not for news' }, 'apiKey')
          await call(served, publish, { channel: 'news', body: 'headline' }, 'apiKey')
          const [first] = await live.waitFor(1)
          expect(first).toEqual({ channel: 'news', body: 'headline' })
        } finally {
          live.unsubscribe()
        }
      },
    },
  ],
)

describe('schema changes: tables and indexes follow the schema, rows kept', () => {
  const todoByName = /* GraphQL */ `
    query TodosByName($name: String!) {
      todosByName(name: $name) {
        items {
          id
          name
        }
      }
    }
  `
  const todoByDescription = /* GraphQL */ `
    query TodosByDescription($description: String!) {
      todosByDescription(description: $description) {
        items {
          id
        }
      }
    }
  `
  const createNote = /* GraphQL */ `
    mutation CreateNote($input: CreateNoteInput!) {
      createNote(input: $input) {
        id
        text
      }
    }
  `
  const listNotes = /* GraphQL */ `
    query ListNotes {
      listNotes {
        items {
          text
        }
      }
    }
  `

  it(`a new model and a new @index work after recompile() (--watch) and across a restart on the kept data (mirrors: amplify mock's create-and-update tables step, amplify-util-mock utils/dynamo-db; DynamoDB backfills a new GSI from existing rows: ${docs.gsiBackfill}; ${docs.index})`, async () => {
    const projectDir = await copyProject('todo-default')
    const dataDir = await tempDir('conformance-data-')
    const schemaFile = path.join(projectDir, 'amplify/backend/api/todoapp/schema.graphql')
    const original = await readFile(schemaFile, 'utf8')
    const editSchema = (edit: (schema: string) => string) =>
      readFile(schemaFile, 'utf8').then((schema) => writeFile(schemaFile, edit(schema)))

    let served = await serve(projectDir, { dataDir })
    try {
      expect(
        (await call(served, createTodo, { input: { id: 't1', name: 'before', description: 'old' } })).errors,
      ).toBeUndefined()

      // Under --watch: a new model and an index on a field that already has rows.
      await editSchema((schema) =>
        schema
          .replace('name: String!', 'name: String! @index(name: "byName", queryField: "todosByName")')
          .concat('\ntype Note @model {\n  id: ID!\n  text: String!\n}\n'),
      )
      await served.backend.recompile()
      const note = await call(served, createNote, { input: { text: 'new model' } })
      expect(note.errors).toBeUndefined()
      const byName = await call(served, todoByName, { name: 'before' })
      expect(byName.errors).toBeUndefined()
      // The row written before the index existed is in it: the index was backfilled.
      expect((byName.data!.todosByName as { items: { id: string }[] }).items.map((t) => t.id)).toEqual(['t1'])
    } finally {
      await served.backend.stop()
    }

    // Across a restart on the same data folder: another index added, the first one removed.
    await editSchema((schema) =>
      schema
        .replace(' @index(name: "byName", queryField: "todosByName")', '')
        .replace(
          'description: String',
          'description: String @index(name: "byDescription", queryField: "todosByDescription")',
        ),
    )
    served = await serve(projectDir, { dataDir })
    try {
      const byDescription = await call(served, todoByDescription, { description: 'old' })
      expect(byDescription.errors).toBeUndefined()
      expect((byDescription.data!.todosByDescription as { items: { id: string }[] }).items).toEqual([
        { id: 't1' },
      ])
      const notes = await call(served, listNotes)
      expect((notes.data!.listNotes as { items: { text: string }[] }).items).toEqual([{ text: 'new model' }])
      expect(served.logs.join('\n')).toMatch(/TodoTable: adding index byDescription, removing index byName/)
    } finally {
      await served.backend.stop()
    }

    // Back to the original schema: the Note table is kept (as amplify mock keeps it), Todo rows too.
    await writeFile(schemaFile, original)
    served = await serve(projectDir, { dataDir })
    try {
      const listed = await call(served, listTodos)
      expect((listed.data!.listTodos as { items: { id: string }[] }).items.map((t) => t.id)).toEqual(['t1'])
    } finally {
      await served.backend.stop()
    }
  })

  it(`an index on a field whose stored rows have another type is refused before anything is deleted, and --watch keeps serving the previous API (mirrors: DynamoDB leaves such rows out of the index, never drops them: ${docs.gsiBackfill})`, async () => {
    const projectDir = await copyProject('todo-default')
    const schemaFile = path.join(projectDir, 'amplify/backend/api/todoapp/schema.graphql')
    await writeFile(
      schemaFile,
      (await readFile(schemaFile, 'utf8')).replace('description: String', 'priority: Int'),
    )
    const served = await serve(projectDir)
    try {
      const created = await call(
        served,
        /* GraphQL */ `
          mutation CreateTodo($input: CreateTodoInput!) {
            createTodo(input: $input) {
              id
            }
          }
        `,
        { input: { id: 't1', name: 'typed', priority: 1 } },
      )
      expect(created.errors).toBeUndefined()
      await writeFile(
        schemaFile,
        (await readFile(schemaFile, 'utf8')).replace(
          'priority: Int',
          'priority: String @index(name: "byPriority", queryField: "todosByPriority")',
        ),
      )
      await expect(served.backend.recompile()).rejects.toThrow(
        /TodoTable\.priority: a row holds priority as N/,
      )
      const listed = await call(served, listTodos)
      expect((listed.data!.listTodos as { items: { id: string }[] }).items.map((t) => t.id)).toEqual(['t1'])
    } finally {
      await served.backend.stop()
    }
  })

  it('a rebuild interrupted after its table was dropped is finished from the kept rows on the next start (mirrors: no data loss across an index change, as DynamoDB keeps rows while it backfills)', async () => {
    const projectDir = await copyProject('todo-default')
    const dataDir = await tempDir('conformance-data-')
    // What an interrupted rebuild leaves: the rows in dynamodb-rebuild/, the table gone or empty.
    await mkdir(path.join(dataDir, 'dynamodb-rebuild'), { recursive: true })
    await writeFile(
      path.join(dataDir, 'dynamodb-rebuild', 'TodoTable.json'),
      JSON.stringify([
        {
          id: { S: 'kept' },
          name: { S: 'survivor' },
          __typename: { S: 'Todo' },
          createdAt: { S: '2026-01-01T00:00:00.000Z' },
          updatedAt: { S: '2026-01-01T00:00:00.000Z' },
        },
      ]),
    )
    const served = await serve(projectDir, { dataDir })
    try {
      const listed = await call(served, listTodos)
      expect((listed.data!.listTodos as { items: { id: string }[] }).items.map((t) => t.id)).toEqual(['kept'])
      expect(served.logs.join('\n')).toMatch(/Finished rebuilding TodoTable \(1 rows\)/)
      expect(await readdir(path.join(dataDir, 'dynamodb-rebuild'))).toEqual([])
    } finally {
      await served.backend.stop()
    }
  })
})
