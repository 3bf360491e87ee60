import { expect } from 'vitest'
import { signedCognitoCall } from '../../local-backend/src/cognito/signedCognitoCall'
import { subscribeAndWait } from '../../testkit/backend/amplifySubscription'
import { createTestUser, type TestUser } from '../../testkit/backend/cognitoUsers'
import { forgeToken } from '../../testkit/backend/forgeToken'
import { postGraphql, TEST_CONFIRMATION_CODE } from '../../testkit/backend/testBackend'
import {
  call,
  callAs,
  createTodo,
  docs,
  listTodos,
  ok,
  receivedOf,
  refused,
  rows,
  subscribeAs,
} from './support'

// The stock Todo project, a renamed API without auth, a NONE data source with a custom auth resource name,
// and an API-key-only API: how the backend reads a project, and the auth modes it then allows.

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
        const user = await createTestUser(
          served.backend,
          'events@example.com',
          TEST_CONFIRMATION_CODE,
          undefined,
          null,
        )
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

const entryFields = 'id author text'
const entryOps = {
  create: `mutation CreateEntry($input: CreateEntryInput!) { createEntry(input: $input) { ${entryFields} } }`,
  get: `query GetEntry($id: ID!) { getEntry(id: $id) { ${entryFields} } }`,
  list: `query ListEntries { listEntries { items { ${entryFields} } } }`,
  update: `mutation UpdateEntry($input: UpdateEntryInput!) { updateEntry(input: $input) { ${entryFields} } }`,
  delete: `mutation DeleteEntry($input: DeleteEntryInput!) { deleteEntry(input: $input) { id } }`,
}

/**
 * A user-pool token for a pool this API does not have: well formed, signed with cognito-local's development
 * key, issued by a Cognito address. Only the API's missing user-pool mode makes it invalid.
 */
function tokenOfAnotherPool(): TestUser {
  const issuer = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_elsewhere'
  const now = Math.floor(Date.now() / 1000)
  const base = (claims: object) =>
    forgeToken(
      `${Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'CognitoLocal' })).toString('base64url')}.e30.x`,
      {
        claims: { iss: issuer, sub: 'u1', username: 'u1', iat: now, exp: now + 3600, ...claims },
        resign: true,
      },
    )
  return {
    email: 'elsewhere@example.com',
    password: '',
    username: 'u1',
    idToken: base({ token_use: 'id' }),
    accessToken: base({ token_use: 'access' }),
  }
}

rows('api-key-only: the API key is the only mode, no auth resource', 'api-key-only', (get) => [
  {
    name: 'the config has the API key as its only mode, and no user pool runs',
    mirrors: 'amplify push writes the API default auth mode into amplifyconfiguration.json',
    doc: docs.configureApi,
    run: async () => {
      const { backend } = get()
      expect(backend.config.aws_appsync_authenticationType).toBe('API_KEY')
      expect(backend.config.aws_user_pools_id).toBeUndefined()
      expect(backend.hasUserPool).toBe(false)
    },
  },
  {
    name: 'with the key, every operation of a public model is allowed',
    mirrors: '{ allow: public } (API key) without operations allows create, read, update and delete',
    doc: docs.publicAuth,
    run: async () => {
      const served = get()
      expect(
        ok(await call(served, entryOps.create, { input: { id: 'e1', author: 'ann', text: 'hi' } })),
      ).toEqual({
        id: 'e1',
        author: 'ann',
        text: 'hi',
      })
      expect(ok(await call(served, entryOps.get, { id: 'e1' }))).toMatchObject({ text: 'hi' })
      expect(ok<{ items: unknown[] }>(await call(served, entryOps.list)).items).toHaveLength(1)
      expect(ok(await call(served, entryOps.update, { input: { id: 'e1', text: 'hello' } }))).toMatchObject({
        text: 'hello',
      })
      expect(ok(await call(served, entryOps.delete, { input: { id: 'e1' } }))).toEqual({ id: 'e1' })
    },
  },
  {
    name: 'with the key, a read-only public model is readable and refuses create',
    mirrors: 'operations not listed in a public rule are denied',
    doc: docs.publicAuth,
    run: async () => {
      const served = get()
      expect(
        ok<{ items: unknown[] }>(await call(served, 'query L { listAnnouncements { items { id } } }')).items,
      ).toEqual([])
      refused(
        await call(
          served,
          'mutation C($input: CreateAnnouncementInput!) { createAnnouncement(input: $input) { id } }',
          { input: { text: 'sale' } },
        ),
      )
    },
  },
  {
    name: 'aws-amplify with authMode userPool (a well-formed token of some pool) is refused: the API has no such mode',
    mirrors: 'AppSync answers a request in a mode the API does not have with 401 UnauthorizedException',
    doc: docs.authModes,
    run: async () => {
      const served = get()
      const result = await callAs(served, tokenOfAnotherPool(), entryOps.list)
      // aws-amplify v6 reports a refused HTTP request as an error whose cause carries the status.
      const cause = (result.errors?.[0] as { originalError?: { $metadata?: { httpStatusCode?: number } } })
        .originalError
      expect(cause?.$metadata?.httpStatusCode).toBe(401)
      expect(result.data ?? {}).toEqual({})
    },
  },
  {
    name: 'a request without the key, or with a wrong key, is refused with 401 UnauthorizedException',
    mirrors: 'API key authorization: the x-api-key header must hold a key of the API',
    doc: docs.apiKeyAuth,
    run: async () => {
      const { graphqlEndpoint } = get().backend
      const missing = await postGraphql(graphqlEndpoint, { query: '{ listEntries { items { id } } }' })
      expect(missing.status).toBe(401)
      expect(missing.json.errors?.[0].errorType).toBe('UnauthorizedException')
      const wrong = await postGraphql(
        graphqlEndpoint,
        { query: '{ listEntries { items { id } } }' },
        { 'x-api-key': 'da2-notthekey0000000000' },
      )
      expect(wrong.status).toBe(401)
    },
  },
  {
    name: 'a subscription with the key receives what the key creates',
    mirrors: 'model subscriptions follow the model rules: public read allows API-key subscribers',
    doc: docs.subscriptionAuth,
    run: async () => {
      const served = get()
      const live = await subscribeAs<{ id: string }>(
        served,
        'apiKey',
        `subscription S { onCreateEntry { ${entryFields} } }`,
      )
      const items = await receivedOf(live, [
        {
          publish: () => call(served, entryOps.create, { input: { id: 'e2', author: 'bo', text: 'yo' } }),
          expected: true,
        },
      ])
      expect(items).toEqual([{ id: 'e2', author: 'bo', text: 'yo' }])
    },
  },
])
