import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalBackend, type LocalBackend } from '../../local-backend/src/startLocalBackend'
import { configureAmplify } from '../../testkit/backend/amplifyClient'
import { createTestUser } from '../../testkit/backend/cognitoUsers'
import { TEST_CONFIRMATION_CODE } from '../../testkit/backend/testBackend'

/**
 * The `function-resolver` corpus project: a Gen 1 API whose fields are resolved by the project's own
 * Lambda functions (`@function(name: "echofn-${env}")`), served by the local backend and called through
 * aws-amplify v6 as an app calls it. Each row names the AppSync / Lambda / Amplify behaviour it mirrors.
 * The functions are real Node.js code run in processes of their own; nothing is faked.
 */
const project = path.join(import.meta.dirname, 'projects/function-resolver')

const docs = {
  functionDirective:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/custom-business-logic/#lambda-function-resolver',
  functionEvent:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/custom-business-logic/#structure-of-the-function-event',
  lambdaErrors:
    'https://docs.aws.amazon.com/appsync/latest/devguide/resolver-mapping-template-reference-lambda.html',
  nodeHandler: 'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html',
  lambdaEnv:
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime',
  lambdaTimeout: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html',
  functionEnvVars:
    'https://docs.amplify.aws/gen1/javascript/build-a-backend/functions/environment-variables/',
  mockFunctions:
    'https://docs.amplify.aws/gen1/javascript/tools/cli/usage/mock/#function-mocking-with-graphql',
}

interface Row {
  name: string
  mirrors: string
  doc: string
  run: () => Promise<void>
}

type GraphqlResult = {
  data?: Record<string, unknown> | null
  errors?: { message: string; errorType?: string }[]
}

const temporaryDirs: string[] = []
afterAll(() => Promise.all(temporaryDirs.map((d) => rm(d, { recursive: true, force: true }))))

/**
 * A copy of the project as a developer's checkout has it: the env chosen with `amplify env checkout`
 * (amplify/.config/local-env-info.json, per machine, never committed) and the functions' dependencies
 * installed into their own src/node_modules (`npm install` in the function folder, also never committed).
 */
async function checkout(envName: string | undefined): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'conformance-function-resolver-'))
  temporaryDirs.push(dir)
  await cp(project, dir, { recursive: true })
  if (envName) {
    await mkdir(path.join(dir, 'amplify/.config'), { recursive: true })
    await writeFile(
      path.join(dir, 'amplify/.config/local-env-info.json'),
      JSON.stringify({ projectPath: dir, defaultEditor: 'code', envName }),
    )
  }
  const lib = path.join(dir, 'amplify/backend/function/modulefn/src/node_modules/greeting-lib')
  await mkdir(lib, { recursive: true })
  await writeFile(path.join(lib, 'package.json'), JSON.stringify({ name: 'greeting-lib', main: 'index.js' }))
  await writeFile(
    path.join(lib, 'index.js'),
    'exports.greet = (name, greeting) => `${greeting}, ${name} (from greeting-lib)`\n',
  )
  return dir
}

function rows(title: string, envName: string | undefined, build: (get: () => Served) => Row[]) {
  describe(title, () => {
    let served: Served | undefined
    beforeAll(async () => {
      const logs: string[] = []
      const backend = await startLocalBackend({
        projectDir: await checkout(envName),
        port: 0,
        cognitoPort: 0,
        inMemory: true,
        confirmationCode: TEST_CONFIRMATION_CODE,
        log: (line) => logs.push(line),
      })
      served = { backend, amplify: configureAmplify(backend.config), logs }
    }, 60_000)
    afterAll(() => served?.backend.stop())
    const get = () => {
      // Amplify's configuration is global: point it at this project's backend before each row.
      served!.amplify = configureAmplify(served!.backend.config)
      return served!
    }
    for (const row of build(get)) it(`${row.name} (mirrors: ${row.mirrors}; ${row.doc})`, row.run, 60_000)
  })
}

interface Served {
  backend: LocalBackend
  amplify: ReturnType<typeof configureAmplify>
  logs: string[]
}

async function call(
  served: Served,
  query: string,
  variables: Record<string, unknown> = {},
  authMode: 'apiKey' | 'userPool' = 'apiKey',
): Promise<GraphqlResult> {
  try {
    return (await served.amplify.client.graphql({ query, variables, authMode } as never)) as GraphqlResult
  } catch (error) {
    if ((error as GraphqlResult).errors) return error as GraphqlResult
    throw error
  }
}

const echo = /* GraphQL */ `
  query Echo($text: String!) {
    echo(text: $text) {
      text
      typeName
      fieldName
      username
      sub
      env
      region
      functionName
    }
  }
`

/** A field whose function failed: null, and one error of AppSync's Lambda type with the function's message. */
function expectLambdaError(
  result: GraphqlResult,
  field: string,
  message: string | RegExp,
  errorType = 'Lambda:Unhandled',
) {
  expect(result.data?.[field] ?? null).toBeNull()
  expect(result.errors).toHaveLength(1)
  expect(result.errors![0].errorType).toBe(errorType)
  expect(result.errors![0].message).toMatch(message)
}

const keepsServing = async (served: Served) => {
  const result = await call(served, echo, { text: 'still here' })
  expect(result.errors).toBeUndefined()
  expect((result.data!.echo as { text: string }).text).toBe('still here')
}

rows('function-resolver: @function resolvers run the project functions (env "dev")', 'dev', (get) => [
  {
    name: "the function gets the event the transformer's request template builds: arguments, typeName, fieldName, the caller's identity",
    mirrors: 'the @function event (typeName, fieldName, arguments, identity, source, request, prev)',
    doc: docs.functionEvent,
    run: async () => {
      const served = get()
      const user = await createTestUser(
        served.backend,
        'fn@example.com',
        TEST_CONFIRMATION_CODE,
        undefined,
        null,
      )
      served.amplify.signInAs(user)
      const result = await call(served, echo, { text: 'hello' }, 'userPool')
      expect(result.errors).toBeUndefined()
      const claims = JSON.parse(Buffer.from(user.idToken.split('.')[1], 'base64url').toString()) as {
        sub: string
      }
      expect(result.data!.echo).toMatchObject({
        text: 'hello',
        typeName: 'Query',
        fieldName: 'echo',
        username: user.username,
        sub: claims.sub,
      })
    },
  },
  {
    name: 'an API-key caller reaches the function with a null identity',
    mirrors: '$ctx.identity is null for API_KEY authorization',
    doc: 'https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference.html#aws-appsync-resolver-context-reference-identity',
    run: async () => {
      const result = await call(get(), echo, { text: 'anonymous' })
      expect(result.errors).toBeUndefined()
      expect(result.data!.echo).toMatchObject({ text: 'anonymous', username: null, sub: null })
    },
  },
  {
    name: '${env} is the local env: the function runs as echofn-dev with ENV=dev and REGION/AWS_LAMBDA_FUNCTION_NAME set',
    mirrors:
      "the CLI's function template (FunctionName <name>-<env>, ENV and REGION variables) and Lambda's runtime variables",
    doc: docs.lambdaEnv,
    run: async () => {
      const result = await call(get(), echo, { text: 'env' })
      expect(result.data!.echo).toMatchObject({ env: 'dev', region: 'us-fake-1', functionName: 'echofn-dev' })
    },
  },
  {
    name: 'a thrown error becomes a GraphQL error of type Lambda:Unhandled with its message; the backend keeps serving',
    mirrors: 'AppSync reports an unhandled function error as errorType Lambda:Unhandled',
    doc: docs.lambdaErrors,
    run: async () => {
      const served = get()
      expectLambdaError(
        await call(served, 'query { fail(message: "no such order") }'),
        'fail',
        'no such order',
      )
      await keepsServing(served)
    },
  },
  {
    name: 'a rejected promise is reported the same way',
    mirrors: 'an async handler that rejects fails the invocation',
    doc: docs.nodeHandler,
    run: async () => {
      const served = get()
      expectLambdaError(await call(served, 'query { rejectLater(message: "later") }'), 'rejectLater', 'later')
    },
  },
  {
    name: 'a callback-style handler answers through its callback',
    mirrors: 'Node.js handlers may return a promise or call the callback',
    doc: docs.nodeHandler,
    run: async () => {
      const result = await call(get(), 'query { callbackStyle(text: "cb") }')
      expect(result).toEqual({ data: { callbackStyle: 'called back with cb' } })
    },
  },
  {
    name: 'an ES module handler (main.mjs) loads its own dependency from its node_modules and reads its parameters.json variable',
    mirrors:
      "Lambda loads .js, .mjs or .cjs handlers; a function's environment variables come from its CloudFormation parameters",
    doc: docs.functionEnvVars,
    run: async () => {
      const result = await call(get(), 'query { greet(name: "Ada") { greeting env fieldName } }')
      expect(result.errors).toBeUndefined()
      expect(result.data!.greet).toEqual({
        greeting: 'hello from parameters.json, Ada (from greeting-lib)',
        env: 'dev',
        fieldName: 'greet',
      })
    },
  },
  {
    name: "a function running past its Timeout (2 s in its template) ends with Lambda's timeout error",
    mirrors: 'Lambda stops an invocation at the function timeout: "Task timed out after N seconds"',
    doc: docs.lambdaTimeout,
    run: async () => {
      const served = get()
      expectLambdaError(
        await call(served, 'query { sleep(ms: 60000) }'),
        'sleep',
        /Task timed out after 2\.00 seconds/,
      )
      await keepsServing(served)
    },
  },
  {
    name: 'a function that exits its process, or throws outside the handler, fails only its own call',
    mirrors: 'Lambda reports a runtime exit or an uncaught exception as a function error',
    doc: docs.lambdaErrors,
    run: async () => {
      const served = get()
      expectLambdaError(
        await call(served, 'query { exitProcess }'),
        'exitProcess',
        /Runtime exited with error: exit status 3/,
      )
      expectLambdaError(
        await call(served, 'query { throwLater }'),
        'throwLater',
        'thrown outside the handler',
      )
      await keepsServing(served)
    },
  },
  {
    name: 'a @function naming no function of the project is named in a warning at start and answers "Function not found"',
    mirrors: 'amplify mock runs only functions configured in the project',
    doc: docs.mockFunctions,
    run: async () => {
      const served = get()
      expect(served.logs.join('\n')).toMatch(/no function of this project matches .*function:notinproject/)
      expectLambdaError(
        await call(served, 'query { missing }'),
        'missing',
        /Function not found/,
        'Lambda:ResourceNotFoundException',
      )
    },
  },
  {
    name: 'twenty calls at once all get their own answer',
    mirrors: 'each invocation is separate (Lambda runs concurrent invocations in separate environments)',
    doc: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html',
    run: async () => {
      const served = get()
      const texts = Array.from({ length: 20 }, (_, i) => `call ${i}`)
      const results = await Promise.all(texts.map((text) => call(served, echo, { text })))
      expect(results.map((r) => (r.data?.echo as { text: string } | undefined)?.text)).toEqual(texts)
    },
  },
])

rows('function-resolver without an env (no amplify/.config/local-env-info.json)', undefined, (get) => [
  {
    name: '${env} is NONE: the function runs under its resource name, with ENV=NONE',
    mirrors:
      "the CLI's function template: FunctionName is <name> when env is NONE (ShouldNotCreateEnvResources)",
    doc: docs.functionDirective,
    run: async () => {
      const result = await call(get(), echo, { text: 'no env' })
      expect(result.errors).toBeUndefined()
      expect(result.data!.echo).toMatchObject({ text: 'no env', env: 'NONE', functionName: 'echofn' })
    },
  },
])
