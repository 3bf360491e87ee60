import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { CompiledApi } from './compile/compileApi'
import { loadCompiledApi } from './compile/loadCompiledApi'
import { startDynamoDb, type LocalDynamoDb } from './dynamodb/startDynamoDb'
import { startLocalCognito } from './cognito/startLocalCognito'
import { localIamRoleName } from './simulator/iamCallers'
import type { AwsCredentials } from './cognito/verifySigV4Request'
import { createCognitoTokenVerifier } from './cognito/verifyCognitoToken'
import { startAppSyncSimulator, type LocalAppSync } from './simulator/startAppSyncSimulator'
import { buildSimulatorConfig } from './simulator/buildSimulatorConfig'
import { readQueryLimits } from './simulator/queryLimits'
import {
  localAmplifyConfiguration,
  writeAmplifyConfiguration,
  type AmplifyGen1Configuration,
} from './config/amplifyConfiguration'

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
  apiDir?: string
  /** Write src/amplifyconfiguration.json (or this path) for the app. */
  writeConfigTo?: string
  /** Fixed sign-up confirmation code, for tests. */
  confirmationCode?: string
  /** Serve with the stock simulator's behaviour (no fixes): for comparisons only. */
  fixes?: boolean
  log?: (line: string) => void
  /** The IAM role the local credentials act as; default: custom-roles.json's first adminRoleNames entry. */
  iamRoleName?: string
}

export interface LocalBackend {
  graphqlEndpoint: string
  realtimeEndpoint: string
  apiKey: string
  userPoolId: string
  userPoolClientId: string
  cognitoEndpoint: string
  /** The credentials IAM callers (SigV4, service appsync) and Cognito administration must sign with. */
  awsCredentials: AwsCredentials
  config: AmplifyGen1Configuration
  api: CompiledApi
  /** Subscriptions the server still feeds, over all connections (for tests and diagnostics). */
  subscriptionCount(): number
  /** Recompiles the schema and resolver slots and serves the result. */
  recompile(): Promise<void>
  stop(): Promise<void>
}

export const defaultDataDir = path.resolve(import.meta.dirname, '../../.local-backend-data')

export async function startLocalBackend(options: LocalBackendOptions = {}): Promise<LocalBackend> {
  const host = options.host ?? '127.0.0.1'
  const log = options.log ?? (() => {})
  const stops: (() => Promise<void>)[] = []
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {})
    stops.length = 0
  }
  try {
    let api = await loadCompiledApi({ apiDir: options.apiDir })
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

    const cognito = await startLocalCognito({
      host,
      port: options.cognitoPort ?? 9229,
      dataDir: cognitoDir,
      confirmationCode: options.confirmationCode,
      log,
    })
    stops.push(() => cognito.stop())

    const dynamoDb: LocalDynamoDb = await startDynamoDb({
      dataDir: dataDir && path.join(dataDir, 'dynamodb'),
      tables: api.tables,
      // The stock configuration reaches DynamoDB over HTTP, as `amplify mock` does; the fixed one in-process.
      httpEndpoint: options.fixes === false,
    })
    stops.push(() => dynamoDb.stop())

    const verifyToken = createCognitoTokenVerifier({
      issuer: cognito.issuer,
      jwksUrl: cognito.jwksUrl,
      clientId: cognito.userPoolClientId,
    })
    const simulatorConfig = () =>
      buildSimulatorConfig(api, {
        dynamoDb,
        apiKey: LOCAL_API_KEY,
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
        credentials: cognito.awsCredentials,
        roleName: options.iamRoleName ?? (await localIamRoleName(api.project.apiDir)),
      },
    })
    stops.push(() => appSync.stop())
    const actualPort = appSync.port
    const graphqlEndpoint = `http://${host}:${actualPort}/graphql`
    const config = localAmplifyConfiguration({
      graphqlEndpoint,
      apiKey: LOCAL_API_KEY,
      userPoolId: cognito.userPoolId,
      userPoolClientId: cognito.userPoolClientId,
      cognitoEndpoint: cognito.endpoint,
    })
    if (options.writeConfigTo) await writeAmplifyConfiguration(options.writeConfigTo, config)

    return {
      graphqlEndpoint,
      realtimeEndpoint: `ws://${host}:${actualPort}/graphql/realtime`,
      apiKey: LOCAL_API_KEY,
      userPoolId: cognito.userPoolId,
      userPoolClientId: cognito.userPoolClientId,
      cognitoEndpoint: cognito.endpoint,
      awsCredentials: {
        accessKeyId: cognito.awsCredentials.accessKeyId,
        secretAccessKey: cognito.awsCredentials.secretAccessKey,
      },
      config,
      get api() {
        return api
      },
      async recompile() {
        api = await loadCompiledApi({ apiDir: options.apiDir })
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
