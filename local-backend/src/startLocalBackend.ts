import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { CompiledApi } from './compile/compileApi'
import { loadCompiledApi } from './compile/loadCompiledApi'
import { projectRoot } from './compile/readApiProject'
import { projectDirOf, readAmplifyProjectResources } from './compile/amplifyProject'
import { CognitoTokenError } from './cognito/verifyCognitoToken'
import { startDynamoDb, type LocalDynamoDb } from './dynamodb/startDynamoDb'
import { startLocalCognito } from './cognito/startLocalCognito'
import { LOCAL_AWS_PROFILE, loadOrCreateLocalAwsCredentials } from './cognito/localAwsCredentials'
import { ensurePrivateDirectory } from './cognito/privateDataFiles'
import { localIamRoleName } from './simulator/iamCallers'
import type { AwsCredentials } from './cognito/verifySigV4Request'
import { createCognitoTokenVerifier } from './cognito/verifyCognitoToken'
import { startAppSyncSimulator, type LocalAppSync } from './simulator/startAppSyncSimulator'
import { buildSimulatorConfig } from './simulator/buildSimulatorConfig'
import { readQueryLimits } from './simulator/queryLimits'
import { localFunctions } from './functions/localFunctions'
import { readLocalEnvName } from './functions/functionConfig'
import { LOCAL_ACCOUNT_ID } from './simulator/iamCallers'
import {
  localAmplifyConfiguration,
  writeAmplifyConfiguration,
  type AmplifyGen1Configuration,
} from './config/amplifyConfiguration'

/** The region local functions see (AWS_REGION, `AWS::Region`): the one the simulator's ARNs carry. */
export const LOCAL_FUNCTION_REGION = 'us-fake-1'

/** The API key `amplify mock` uses: a public, fake value, accepted only by the local backend. */
export const LOCAL_API_KEY = 'da2-fakeApiId123456'

export interface LocalBackendOptions {
  host?: string
  /** GraphQL HTTP and real-time port; 0 picks a free one. Default 20002, as `amplify mock`. */
  port?: number
  /** Cognito port; 0 picks a free one. Default 9229, as cognito-local. */
  cognitoPort?: number
  /** Where data persists across restarts. Ignored when `inMemory`. */
  dataDir?: string
  /** Keep everything in memory (and a temporary folder for the user pool, removed on stop). */
  inMemory?: boolean
  /** The Amplify Gen 1 project (the folder holding amplify/); its API and auth resource are read from
   * amplify/backend/backend-config.json. Default: this repository. */
  projectDir?: string
  /** The API folder (`<project>/amplify/backend/api/<name>`); the project is the folder four levels up. */
  apiDir?: string
  /** Write src/amplifyconfiguration.json (or this path) for the app. */
  writeConfigTo?: string
  /** Fixed sign-up confirmation code, for tests. */
  confirmationCode?: string
  /** Serve with the stock simulator's behaviour (no fixes): for comparisons only. */
  fixes?: boolean
  /** Receives the transformer's warnings, table changes and the user pool's lines (confirmation codes). */
  log?: (line: string) => void
  /** The IAM role the local credentials act as; default: custom-roles.json's first adminRoleNames entry. */
  iamRoleName?: string
}

export interface LocalBackend {
  graphqlEndpoint: string
  realtimeEndpoint: string
  apiKey: string
  /** Whether the project has an auth resource, so a local user pool runs. */
  hasUserPool: boolean
  /** The local pool's id, client and endpoint; reading them without a user pool throws. */
  userPoolId: string
  userPoolClientId: string
  cognitoEndpoint: string
  /** The credentials IAM callers (SigV4, service appsync) and Cognito administration must sign with. */
  awsCredentials: AwsCredentials
  config: AmplifyGen1Configuration
  api: CompiledApi
  /** Subscriptions the server still feeds, over all connections (for tests and diagnostics). */
  subscriptionCount(): number
  /** Recompiles the API, makes the tables follow it (new tables, added and removed indexes) and serves it. */
  recompile(): Promise<void>
  stop(): Promise<void>
}

export const defaultDataDir = path.resolve(import.meta.dirname, '../../.local-backend-data')

export async function startLocalBackend(options: LocalBackendOptions = {}): Promise<LocalBackend> {
  const host = options.host ?? '127.0.0.1'
  const log = options.log ?? (() => {})
  const project = await readAmplifyProjectResources(
    options.projectDir ?? (options.apiDir ? projectDirOf(options.apiDir) : projectRoot),
  )
  const apiDir = options.apiDir ?? project.apiDir
  const compile = async () => {
    const compiled = await loadCompiledApi({ apiDir })
    for (const line of compiled.logs) log(`[transformer] ${line}`)
    return compiled
  }
  const stops: (() => Promise<void>)[] = []
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {})
    stops.length = 0
  }
  try {
    let api = await compile()
    const usesUserPool = authModesOf(api).includes('AMAZON_COGNITO_USER_POOLS')
    if (usesUserPool && !project.auth) {
      throw new Error(
        `The API ${project.apiName} uses Cognito user pools, but amplify/backend/backend-config.json has no auth resource (amplify add auth) to create one from`,
      )
    }
    const dataDir = options.inMemory ? undefined : path.resolve(options.dataDir ?? defaultDataDir)
    let cognitoDir: string
    if (dataDir) {
      // Only the owner may enter the data folder: it holds password hashes, tokens, rows and local credentials.
      await mkdir(dataDir, { recursive: true, mode: 0o700 })
      await chmod(dataDir, 0o700)
      await mkdir(path.join(dataDir, 'dynamodb'), { recursive: true })
      cognitoDir = path.join(dataDir, 'cognito')
    } else {
      cognitoDir = await mkdtemp(path.join(os.tmpdir(), 'local-backend-cognito-'))
      stops.push(() => rm(cognitoDir, { recursive: true, force: true }))
    }

    const cognito = project.auth
      ? await startLocalCognito({
          host,
          port: options.cognitoPort ?? 9229,
          dataDir: cognitoDir,
          confirmationCode: options.confirmationCode,
          log: (line) => log(`[cognito] ${line}`),
          authCliInputsPath: project.auth.cliInputsPath,
        })
      : undefined
    if (cognito) stops.push(() => cognito.stop())
    else {
      log(
        'No auth resource in backend-config.json: no local user pool runs, and requests with a user-pool token are refused (as AppSync refuses them for an API without Cognito user pools).',
      )
    }
    // IAM callers sign with the local credentials whether or not a user pool runs; they live in the same file.
    const awsCredentials: AwsCredentials =
      cognito?.awsCredentials ??
      (await ensurePrivateDirectory(cognitoDir).then(() =>
        loadOrCreateLocalAwsCredentials(cognitoDir, (file) =>
          log(`Local AWS credentials for signed requests (profile ${LOCAL_AWS_PROFILE}) written to ${file}`),
        ),
      ))

    const dynamoDb: LocalDynamoDb = await startDynamoDb({
      dataDir: dataDir && path.join(dataDir, 'dynamodb'),
      tables: api.tables,
      // The stock configuration reaches DynamoDB over HTTP, as `amplify mock` does; the fixed one in-process.
      httpEndpoint: options.fixes === false,
      log,
    })
    stops.push(() => dynamoDb.stop())

    const verifyToken = cognito
      ? createCognitoTokenVerifier({
          issuer: cognito.issuer,
          jwksUrl: cognito.jwksUrl,
          clientId: cognito.userPoolClientId,
        })
      : () => Promise.reject(new CognitoTokenError('This API has no Cognito user pool'))
    // Lambda data sources (@function) run the project's functions; the endpoint is known once listening.
    let graphqlEndpoint = ''
    const envName = await readLocalEnvName(project.projectDir)
    const functions = localFunctions(
      {
        projectDir: project.projectDir,
        envName,
        region: LOCAL_FUNCTION_REGION,
        accountId: LOCAL_ACCOUNT_ID,
        credentials: awsCredentials,
        apiOutputs: (apiName) =>
          apiName === api.apiName
            ? {
                GraphQLAPIEndpointOutput: graphqlEndpoint,
                GraphQLAPIIdOutput: 'local',
                ...(authModesOf(api).includes('API_KEY') && { GraphQLAPIKeyOutput: LOCAL_API_KEY }),
              }
            : {},
      },
      log,
    )
    const describeFunctions = async (compiled: CompiledApi) => {
      const arns = compiled.dataSources.flatMap((d) => (d.lambdaFunctionArn ? [d.lambdaFunctionArn] : []))
      for (const line of await functions.describe(arns)) log(`[functions] ${line}`)
    }
    await describeFunctions(api)
    const simulatorConfig = () =>
      buildSimulatorConfig(api, {
        dynamoDb,
        apiKey: LOCAL_API_KEY,
        functions,
      })
    const port = options.port ?? 20002
    const appSync: LocalAppSync = await startAppSyncSimulator({
      host,
      port,
      config: simulatorConfig(),
      verifyToken,
      limits: await readQueryLimits(api.project.apiDir),
      fixes: options.fixes,
      iam: {
        credentials: awsCredentials,
        roleName: options.iamRoleName ?? (await localIamRoleName(api.project.apiDir)),
      },
    })
    stops.push(() => appSync.stop())
    const actualPort = appSync.port
    graphqlEndpoint = `http://${host}:${actualPort}/graphql`
    const modes = authModesOf(api)
    const config = localAmplifyConfiguration({
      graphqlEndpoint,
      authenticationType: modes[0],
      apiKey: modes.includes('API_KEY') ? LOCAL_API_KEY : undefined,
      userPool: cognito && {
        userPoolId: cognito.userPoolId,
        userPoolClientId: cognito.userPoolClientId,
        cognitoEndpoint: cognito.endpoint,
      },
    })
    if (options.writeConfigTo) await writeAmplifyConfiguration(options.writeConfigTo, config)

    return {
      graphqlEndpoint,
      realtimeEndpoint: `ws://${host}:${actualPort}/graphql/realtime`,
      apiKey: LOCAL_API_KEY,
      hasUserPool: cognito !== undefined,
      get userPoolId() {
        return withUserPool(cognito).userPoolId
      },
      get userPoolClientId() {
        return withUserPool(cognito).userPoolClientId
      },
      get cognitoEndpoint() {
        return withUserPool(cognito).endpoint
      },
      awsCredentials: {
        accessKeyId: awsCredentials.accessKeyId,
        secretAccessKey: awsCredentials.secretAccessKey,
      },
      config,
      get api() {
        return api
      },
      async recompile() {
        const next = await compile()
        // Tables first: the new API's resolvers may already be called once it is served.
        await dynamoDb.syncTables(next.tables)
        await describeFunctions(next)
        api = next
        appSync.reload(simulatorConfig())
      },
      subscriptionCount: () => appSync.subscriptionCount(),
      stop: stopAll,
    }
  } catch (error) {
    await stopAll()
    throw error
  }
}

/** The API's auth modes, the default one first. */
function authModesOf(api: CompiledApi): string[] {
  const { defaultAuthentication, additionalAuthenticationProviders = [] } = api.project.authConfig
  return [defaultAuthentication, ...additionalAuthenticationProviders].map((p) => p.authenticationType)
}

function withUserPool<T>(cognito: T | undefined): T {
  if (!cognito) throw new Error('This project has no auth resource, so the local backend runs no user pool')
  return cognito
}
