import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { App, NestedStack, Stack } from 'aws-cdk-lib'
import { executeTransform } from '@aws-amplify/graphql-transformer'
import {
  constructDataSourceStrategies,
  DDB_DEFAULT_DATASOURCE_STRATEGY,
} from '@aws-amplify/graphql-transformer-core'
import type { S3Asset } from '@aws-amplify/graphql-transformer-interfaces'
import { readApiProject, defaultApiDir, type ApiProject } from './readApiProject'
import { collectAppSyncResources, type AppSyncResources, type CustomStack } from './collectAppSyncResources'
import { transformParametersFromFlags } from './transformParameters'
import { authDocLink } from './apiAuthConfig'
import { LOCAL_DEPLOYMENT_PREFIX } from './cfnIntrinsics'

export interface CompiledApi extends AppSyncResources {
  apiName: string
  /** The compiled schema, as the CLI writes it to build/schema.graphql. */
  schema: string
  /** Every mapping template, keyed as the CLI lays them out under build/ (`resolvers/Query.getX.req.vtl`). */
  mappingTemplates: Record<string, string>
  project: ApiProject
  /** What the transformer printed (warnings such as owner reassignment). */
  logs: string[]
}

/**
 * Compiles the Gen 1 API with the v2 transformer, as `amplify api gql-compile` does, without the CLI.
 * Assets (schema and templates) are captured in memory instead of being staged for S3; the CDK tree is
 * read directly, so no CloudFormation template has to be synthesized and evaluated.
 */
export async function compileApi(options: { apiDir?: string } = {}): Promise<CompiledApi> {
  const project = await readApiProject(options.apiDir ?? defaultApiDir)
  // The CLI passes custom-roles.json's adminRoleNames: IAM callers in those roles pass the IAM checks.
  const adminRoles = await readFile(path.join(project.apiDir, 'custom-roles.json'), 'utf8').then(
    (text) => (JSON.parse(text) as { adminRoleNames?: string[] }).adminRoleNames ?? [],
    () => [],
  )
  const app = new App()
  try {
    return transform(app, project, adminRoles)
  } finally {
    // Nothing is synthesized, but the CDK App makes a temporary cdk.out folder when it is created.
    await rm(app.outdir, { recursive: true, force: true })
  }
}

function transform(app: App, project: ApiProject, adminRoles: string[]): CompiledApi {
  const rootStack = new Stack(app, 'transformer-root-stack')
  const assets: Record<string, string> = {}
  const logs: string[] = []

  executeTransform({
    schema: project.schema,
    transformersFactoryArgs: {},
    authConfig: project.authConfig,
    userDefinedSlots: project.userDefinedSlots,
    stackMapping: {},
    transformParameters: transformParametersFromFlags(project.transformerFlags, project.sandboxModeEnabled),
    dataSourceStrategies: constructDataSourceStrategies(project.schema, DDB_DEFAULT_DATASOURCE_STRATEGY),
    scope: rootStack,
    nestedStackProvider: { provide: (scope, name) => new NestedStack(scope, name) },
    assetProvider: {
      provide: (_scope, _name, props): S3Asset => {
        assets[props.fileName] = props.fileContent
        return {
          assetHash: props.fileName,
          httpUrl: `asset://${props.fileName}`,
          s3BucketName: 'local',
          s3ObjectKey: props.fileName,
          s3ObjectUrl: `asset://${props.fileName}`,
        } as S3Asset
      },
    },
    synthParameters: {
      amplifyEnvironmentName: 'NONE',
      apiName: project.apiName,
      userPoolId: 'local-user-pool',
      adminRoles,
      identityPoolId: '',
    },
    printTransformerLog: (log) => logs.push(`${log.level}: ${log.message}`),
  })

  logs.push(...sandboxModeWarnings(project))
  // Rendering the CDK tree is what makes the transformer hand over its assets, so collect first.
  const resources = collectAppSyncResources(
    app,
    assets,
    project.resolverOverrides,
    customStacksOf(project),
    (line) => logs.push(line),
  )
  const schema = assets['schema.graphql']
  if (!schema) throw new Error('The transformer produced no schema')
  const mappingTemplates = Object.fromEntries(
    Object.entries(assets).filter(([name]) => name !== 'schema.graphql'),
  )
  return { apiName: project.apiName, schema, mappingTemplates, project, logs, ...resources }
}

function hasApiKey(project: ApiProject) {
  const { defaultAuthentication, additionalAuthenticationProviders = [] } = project.authConfig
  return [defaultAuthentication, ...additionalAuthenticationProviders].some(
    (p) => p.authenticationType === 'API_KEY',
  )
}

/** The CLI's messages about the global auth rule (amplify-category-api's sandbox-mode-helpers). */
function sandboxModeWarnings(project: ApiProject): string[] {
  if (!project.sandboxModeEnabled) return []
  if (!hasApiKey(project)) {
    return [
      'WARN: the schema sets "input AMPLIFY { globalAuthRule: AuthRule = { allow: public } }" (global sandbox mode), which needs an API key; this API has none, so the rule has no effect (amplify push would ask to add one)',
    ]
  }
  return [
    `WARN: your GraphQL API currently allows public create, read, update, and delete access to all models via an API Key. To configure PRODUCTION-READY authorization rules, review: ${authDocLink}`,
  ]
}

/** The custom stacks with the parameters the CLI deploys them with (its own, then parameters.json). */
function customStacksOf(project: ApiProject): CustomStack[] {
  const [bucket, rootKey] = LOCAL_DEPLOYMENT_PREFIX.slice('s3://'.length).split('/')
  const parameters = {
    ...project.parameters,
    AppSyncApiId: 'local',
    AppSyncApiName: project.apiName,
    env: 'NONE',
    S3DeploymentBucket: bucket,
    S3DeploymentRootKey: rootKey,
  }
  return Object.entries(project.customStacks).map(([file, template]) => ({ file, template, parameters }))
}
