import { CfnResource, Stack, type App } from 'aws-cdk-lib'
import type {
  AppSyncSimulatorDataSourceConfig,
  AppSyncSimulatorFunctionsConfig,
  AppSyncSimulatorPipelineResolverConfig,
  AppSyncSimulatorUnitResolverConfig,
} from '@aws-amplify/amplify-appsync-simulator'
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb'
import {
  evaluateCondition,
  evaluateIntrinsics,
  LOCAL_DEPLOYMENT_PREFIX,
  type CfnResourceEntry,
  type IntrinsicContext,
} from './cfnIntrinsics'

/** A DynamoDB table definition, in CreateTable's shape. */
export type TableDefinition = Required<Pick<CreateTableCommandInput, 'KeySchema' | 'AttributeDefinitions'>> &
  Pick<CreateTableCommandInput, 'GlobalSecondaryIndexes'> & { TableName: string }

export interface AppSyncResources {
  resolvers: (AppSyncSimulatorUnitResolverConfig | AppSyncSimulatorPipelineResolverConfig)[]
  functions: AppSyncSimulatorFunctionsConfig[]
  /**
   * Data sources without connection settings: the DynamoDB endpoint and the Lambda invoker are added when the
   * backend starts. `lambdaFunctionArn` is the ARN an AWS_LAMBDA data source names (`../functions/`).
   */
  dataSources: { name: string; type: string; tableName?: string; lambdaFunctionArn?: string }[]
  tables: TableDefinition[]
  /** Templates the resolvers and functions refer to by location, including those written inline. */
  templates: Record<string, string>
}
export type { AppSyncSimulatorDataSourceConfig }

const ASSET_PREFIX = 'asset://'

/** A CloudFormation template in the API's stacks/ folder, with the parameters the CLI deploys it with. */
export interface CustomStack {
  file: string
  template: unknown
  parameters: Record<string, unknown>
}

const customStackResourceTypes = new Set([
  'AWS::AppSync::DataSource',
  'AWS::AppSync::Resolver',
  'AWS::AppSync::FunctionConfiguration',
])

/**
 * Reads resolvers, functions, data sources and tables off the transformer's CDK tree, then the AppSync
 * resources of the custom stacks (amplify/backend/api/<api>/stacks/*.json), as `amplify mock` reads both.
 */
export function collectAppSyncResources(
  app: App,
  assets: Record<string, string>,
  resolverOverrides: Record<string, string>,
  customStacks: CustomStack[] = [],
  log: (line: string) => void = () => {},
): AppSyncResources {
  const resources = renderResources(app)
  // Non-slot files in resolvers/ replace the generated template of the same name, as in the CLI.
  for (const [fileName, template] of Object.entries(resolverOverrides))
    assets[`resolvers/${fileName}`] = template
  const mappingTemplates = assets
  const tableNames = new Map<string, string>()
  const transformerCtx: IntrinsicContext = { resources, tableNameOf: (id) => tableNames.get(id) ?? id }
  for (const r of resources.values()) {
    // Same table names as `amplify mock`: the model's table construct id (OpenChatTable, ...).
    if (r.type === 'AWS::DynamoDB::Table')
      tableNames.set(r.logicalId, tableConstructIds.get(r.logicalId) ?? r.logicalId)
  }
  const templates: Record<string, string> = {}
  let ctx = transformerCtx
  const templateLocation = (value: unknown, inlineName: string): string => {
    const text = String(evaluateIntrinsics(value, ctx))
    const prefix = [ASSET_PREFIX, LOCAL_DEPLOYMENT_PREFIX].find((p) => text.startsWith(p))
    if (prefix) {
      // Custom stacks name templates the CLI uploads from the API folder (resolvers/...).
      const name = text.slice(prefix.length)
      const content = mappingTemplates[name]
      if (content === undefined) throw new Error(`Missing mapping template ${name}`)
      templates[name] = content
      return name
    }
    templates[inlineName] = text
    return inlineName
  }
  const props = (r: CfnResourceEntry) => r.properties as Record<string, unknown>

  const result: AppSyncResources = { resolvers: [], functions: [], dataSources: [], tables: [], templates }
  const collect = (r: CfnResourceEntry) => {
    const p = props(r)
    switch (r.type) {
      case 'AWS::AppSync::DataSource':
        result.dataSources.push({
          name: String(evaluateIntrinsics(p.Name, ctx)),
          type: String(p.Type),
          tableName: p.DynamoDBConfig
            ? String(evaluateIntrinsics((p.DynamoDBConfig as Record<string, unknown>).TableName, ctx))
            : undefined,
          lambdaFunctionArn: p.LambdaConfig
            ? String(evaluateIntrinsics((p.LambdaConfig as Record<string, unknown>).LambdaFunctionArn, ctx))
            : undefined,
        })
        break
      case 'AWS::DynamoDB::Table':
        result.tables.push({
          TableName: tableNames.get(r.logicalId)!,
          KeySchema: p.KeySchema as TableDefinition['KeySchema'],
          AttributeDefinitions: p.AttributeDefinitions as TableDefinition['AttributeDefinitions'],
          GlobalSecondaryIndexes: (
            p.GlobalSecondaryIndexes as TableDefinition['GlobalSecondaryIndexes']
          )?.map(({ IndexName, KeySchema, Projection }) => ({ IndexName, KeySchema, Projection })),
        })
        break
      case 'AWS::AppSync::FunctionConfiguration':
        result.functions.push({
          name: r.logicalId,
          dataSourceName: String(evaluateIntrinsics(p.DataSourceName, ctx)),
          requestMappingTemplateLocation: templateLocation(
            p.RequestMappingTemplateS3Location ?? p.RequestMappingTemplate,
            `functions/${r.logicalId}.req.vtl`,
          ),
          responseMappingTemplateLocation: templateLocation(
            p.ResponseMappingTemplateS3Location ?? p.ResponseMappingTemplate,
            `functions/${r.logicalId}.res.vtl`,
          ),
        })
        break
      case 'AWS::AppSync::Resolver': {
        const typeName = String(p.TypeName)
        const fieldName = String(p.FieldName)
        const base = {
          typeName,
          fieldName,
          requestMappingTemplateLocation: templateLocation(
            p.RequestMappingTemplateS3Location ?? p.RequestMappingTemplate,
            `inline/${typeName}.${fieldName}.req.vtl`,
          ),
          responseMappingTemplateLocation: templateLocation(
            p.ResponseMappingTemplateS3Location ?? p.ResponseMappingTemplate,
            `inline/${typeName}.${fieldName}.res.vtl`,
          ),
        }
        if (p.Kind === 'PIPELINE') {
          const functions = evaluateIntrinsics((p.PipelineConfig as { Functions: unknown[] }).Functions, ctx)
          result.resolvers.push({
            ...base,
            kind: 'PIPELINE',
            functions: functions as string[],
          } as AppSyncSimulatorPipelineResolverConfig)
        } else {
          result.resolvers.push({
            ...base,
            kind: 'UNIT',
            dataSourceName: String(evaluateIntrinsics(p.DataSourceName, ctx)),
          } as AppSyncSimulatorUnitResolverConfig)
        }
        break
      }
    }
  }
  for (const r of resources.values()) collect(r)
  for (const stack of customStacks) {
    const template = (stack.template ?? {}) as {
      Resources?: Record<string, { Type?: string; Condition?: string; Properties?: Record<string, unknown> }>
      Conditions?: Record<string, unknown>
    }
    const own = Object.entries(template.Resources ?? {}).map(
      ([logicalId, body]): CfnResourceEntry & { condition?: string } => ({
        logicalId,
        type: String(body.Type),
        properties: body.Properties ?? {},
        condition: body.Condition,
      }),
    )
    ctx = {
      ...transformerCtx,
      resources: new Map([...resources, ...own.map((r) => [r.logicalId, r] as const)]),
      parameters: stack.parameters,
      conditions: template.Conditions,
    }
    for (const r of own) {
      if (r.condition && !evaluateCondition(r.condition, ctx)) continue
      if (customStackResourceTypes.has(r.type)) collect(r)
      else
        log(
          `WARN: stacks/${stack.file}: ${r.logicalId} (${r.type}) is not served locally; only AppSync data sources, resolvers and functions are`,
        )
    }
  }
  return result
}

const tableConstructIds = new Map<string, string>()

function renderResources(app: App): Map<string, CfnResourceEntry> {
  const resources = new Map<string, CfnResourceEntry>()
  for (const construct of app.node.findAll()) {
    if (!CfnResource.isCfnResource(construct)) continue
    const stack = Stack.of(construct)
    // Resolving renders lazy values, which is also what makes the transformer emit its assets.
    const rendered = stack.resolve(
      (construct as unknown as { _toCloudFormation(): unknown })._toCloudFormation(),
    ) as {
      Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>
    }
    // The transformer overrides many logical ids, so take the one the resource renders under.
    const [logicalId, body] = Object.entries(rendered.Resources ?? {})[0] ?? []
    if (!logicalId || !body) continue
    resources.set(logicalId, { logicalId, type: body.Type, properties: body.Properties ?? {} })
    if (body.Type === 'AWS::DynamoDB::Table') tableConstructIds.set(logicalId, construct.node.scope!.node.id)
  }
  return resources
}
