import { cp, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalBackend, type LocalBackend } from '../../local-backend/src/startLocalBackend'
import { signedCognitoCall } from '../../local-backend/src/cognito/signedCognitoCall'
import { configureAmplify } from '../../testkit/backend/amplifyClient'
import { subscribeAndWait, type LiveSubscription } from '../../testkit/backend/amplifySubscription'
import { AppSyncRealtimeClient } from '../../testkit/backend/appSyncRealtimeClient'
import { createTestUser, signInTestUser, type TestUser } from '../../testkit/backend/cognitoUsers'
import { TEST_CONFIRMATION_CODE } from '../../testkit/backend/testBackend'

/**
 * Shared by the conformance corpus's suites: small Gen 1 projects nobody here wrote the app for
 * (projects/<name>/amplify/...), each served by the local backend and called through aws-amplify v6
 * configured from the JSON the backend writes, as an app would be. Every row names the AppSync or Amplify
 * CLI behaviour it mirrors and where that is documented.
 */
export const projectsDir = path.join(import.meta.dirname, 'projects')

export interface Row {
  name: string
  /** The AppSync / Amplify CLI behaviour the row mirrors. */
  mirrors: string
  /** Where that behaviour is documented. */
  doc: string
  run: () => Promise<void>
}

export interface Served {
  backend: LocalBackend
  amplify: ReturnType<typeof configureAmplify>
  logs: string[]
}

const temporaryDirs: string[] = []
afterAll(() => Promise.all(temporaryDirs.map((d) => rm(d, { recursive: true, force: true }))))

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  temporaryDirs.push(dir)
  return dir
}

/** A copy of a corpus project, so a row may edit its schema. */
export async function copyProject(name: string): Promise<string> {
  const dir = await tempDir(`conformance-${name}-`)
  await cp(path.join(projectsDir, name), dir, { recursive: true })
  return dir
}

/** The local backend on a project: in memory unless a data folder is given, free ports, logs kept. */
export async function serve(projectDir: string, options: { dataDir?: string } = {}): Promise<Served> {
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

export type GraphqlResult = {
  data?: Record<string, unknown> | null
  errors?: { message: string; errorType?: string }[]
}
export type AuthMode = 'apiKey' | 'userPool'

/** A call through aws-amplify v6; refusals come back as the rejected value's `errors`, as v6 reports them. */
export async function call(
  served: Served,
  query: string,
  variables: Record<string, unknown> = {},
  authMode?: AuthMode,
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

/** A call with a user's user-pool tokens. */
export function callAs(
  served: Served,
  user: TestUser,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlResult> {
  served.amplify.signInAs(user)
  return call(served, query, variables, 'userPool')
}

/** The call must succeed; returns its root field's value. */
export function ok<T>(result: GraphqlResult): T {
  expect(result.errors).toBeUndefined()
  return Object.values(result.data ?? {})[0] as T
}

/** The call must be refused with AppSync's `Unauthorized` error type. */
export function refused(result: GraphqlResult): void {
  expect(result.errors?.map((e) => e.errorType)).toContain('Unauthorized')
}

/** A subscription through aws-amplify v6 with a user's tokens (or the API key), acknowledged before it returns. */
export function subscribeAs<T>(
  served: Served,
  user: TestUser | 'apiKey',
  query: string,
  variables?: Record<string, unknown>,
): Promise<LiveSubscription<T>> {
  if (user !== 'apiKey') served.amplify.signInAs(user)
  return subscribeAndWait<T>(served.amplify.client, {
    query,
    variables,
    authMode: user === 'apiKey' ? 'apiKey' : 'userPool',
  })
}

/**
 * The server's answer to a subscription start that must be refused, as the error message it sent. Sent with
 * the AppSync real-time protocol client rather than aws-amplify: after a refused start aws-amplify v6 closes
 * its socket and reconnects with a back-off of up to a minute, which would only slow the rows after it (the
 * owners rows of authRules.test.ts end with one such refusal through aws-amplify).
 */
export async function startRefusal(
  served: Served,
  user: TestUser | 'apiKey',
  query: string,
  variables: Record<string, unknown> = {},
): Promise<string> {
  const auth: Record<string, string> =
    user === 'apiKey' ? { 'x-api-key': served.backend.apiKey } : { Authorization: user.idToken }
  const client = new AppSyncRealtimeClient(served.backend.realtimeEndpoint, auth)
  await client.connect()
  try {
    const subscription = await client.subscribe(query, variables).then(
      (started) => started,
      (error: Error) => error,
    )
    if (!(subscription instanceof Error)) throw new Error('the subscription start was accepted')
    return subscription.message
  } finally {
    client.close()
  }
}

/**
 * A user of the project's local pool, added to `groups` with Cognito's AdminAddUserToGroup (signed with the
 * local credentials) and signed in again afterwards, so the tokens carry `cognito:groups`.
 */
export async function userIn(served: Served, email: string, groups: string[] = []): Promise<TestUser> {
  const { backend } = served
  const user = await createTestUser(backend, email, TEST_CONFIRMATION_CODE, undefined, null)
  if (groups.length === 0) return user
  for (const GroupName of groups) {
    await signedCognitoCall(backend.cognitoEndpoint, backend.awsCredentials, 'AdminAddUserToGroup', {
      UserPoolId: backend.userPoolId,
      Username: email,
      GroupName,
    })
  }
  return signInTestUser(backend, email, user.password)
}

/**
 * A describe block serving one corpus project for all its rows (started once, in memory). `prepare` runs
 * once after the start (users, groups), and the rows get what it returned.
 */
export function rows<Context = undefined>(
  title: string,
  project: string,
  build: (get: () => Served, context: () => Context) => Row[],
  prepare?: (served: Served) => Promise<Context>,
) {
  describe(title, () => {
    let served: Served | undefined
    let context: Context | undefined
    beforeAll(async () => {
      served = await serve(path.join(projectsDir, project))
      if (prepare) context = await prepare(served)
    })
    afterAll(() => served?.backend.stop())
    const get = () => {
      // Amplify's configuration is global: point it at this project's backend before each row.
      served!.amplify = configureAmplify(served!.backend.config)
      return served!
    }
    for (const row of build(get, () => context as Context))
      it(`${row.name} (mirrors: ${row.mirrors}; ${row.doc})`, row.run)
  })
}

/**
 * Publishes `events` in order and returns what the subscriber received. The last event must be one the
 * subscriber receives: delivery is in order, so once it has arrived every earlier one has been decided.
 */
export async function receivedOf<T>(
  live: LiveSubscription<T>,
  events: { publish: () => Promise<unknown>; expected: boolean }[],
): Promise<T[]> {
  if (!events.at(-1)?.expected) throw new Error('the last event must be one the subscriber receives')
  try {
    for (const event of events) await event.publish()
    await live.waitFor(events.filter((e) => e.expected).length)
    expect(live.errors).toEqual([])
    return [...live.items]
  } finally {
    live.unsubscribe()
  }
}

export const docs = {
  globalAuthRule:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/customize-authorization-rules/#global-authorization-rule-only-for-getting-started',
  publicAuth:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/customize-authorization-rules/#public-data-access',
  ownerAuth:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/customize-authorization-rules/#per-user--owner-based-data-access',
  multiOwner:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/customize-authorization-rules/#multi-user-data-access',
  fieldAuth:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/customize-authorization-rules/#field-level-authorization-rules',
  staticGroups:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/customize-authorization-rules/#user-group-based-data-access',
  dynamicGroups:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/customize-authorization-rules/#dynamic-group-authorization',
  subscriptionAuth:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/subscribe-data/#subscriptions-with-authorization',
  authModes: 'https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html',
  apiKeyAuth: 'https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#api-key-authorization',
  configureApi: 'https://docs.amplify.aws/gen1/javascript/tools/cli/graphqlapi/',
  index:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/data-modeling/#configure-a-secondary-index',
  relations:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/data-modeling/#model-a-one-to-many-relationship',
  belongsTo:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/data-modeling/#model-a-belongs-to-relationship',
  compositeSortKey: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-sort-keys.html',
  keyConditions:
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html',
  gsiBackfill: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.html',
  customResources:
    'https://docs.amplify.aws/gen1/javascript/tools/cli-legacy/override-resolvers/#add-a-custom-resolver-that-targets-a-dynamodb-table-from-model',
  authResource: 'https://docs.amplify.aws/gen1/javascript/build-a-backend/auth/set-up-auth/',
  pipelineResolvers: 'https://docs.aws.amazon.com/appsync/latest/devguide/pipeline-resolvers.html',
  noneDataSource: 'https://docs.aws.amazon.com/appsync/latest/devguide/tutorial-local-resolvers.html',
  subscribeArguments:
    'https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html#using-subscription-arguments',
  subscriptionSelection:
    'https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html#subscription-selection-set',
  extensions: 'https://docs.aws.amazon.com/appsync/latest/devguide/extensions.html',
  enhancedFiltering:
    'https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-enhanced-filtering.html',
}

/** The stock Todo project's create and list (projects/todo-default), shared by the rows that use it. */
export const createTodo = /* GraphQL */ `
  mutation CreateTodo($input: CreateTodoInput!) {
    createTodo(input: $input) {
      id
      name
      description
    }
  }
`
export const listTodos = /* GraphQL */ `
  query ListTodos {
    listTodos {
      items {
        id
        name
      }
    }
  }
`
