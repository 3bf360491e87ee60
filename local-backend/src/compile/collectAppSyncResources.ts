import { CfnResource, Stack, type App } from 'aws-cdk-lib'
import type {
  AppSyncSimulatorDataSourceConfig,
  AppSyncSimulatorFunctionsConfig,
  AppSyncSimulatorPipelineResolverConfig,
  AppSyncSimulatorUnitResolverConfig,
} from '@aws-amplify/amplify-appsync-simulator'
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb'
import { evaluateIntrinsics, type CfnResourceEntry, type IntrinsicContext } from './cfnIntrinsics'

/** A DynamoDB table definition, in CreateTable's shape. */
export type TableDefinition = Required<Pick<CreateTableCommandInput, 'KeySchema' | 'AttributeDefinitions'>> &
  Pick<CreateTableCommandInput, 'GlobalSecondaryIndexes'> & { TableName: string }

export interface AppSyncResources {
  resolvers: (AppSyncSimulatorUnitResolverConfig | AppSyncSimulatorPipelineResolverConfig)[]
  functions: AppSyncSimulatorFunctionsConfig[]
  /** Data sources without connection settings: the DynamoDB endpoint is added when the backend starts. */
  dataSources: { name: string; type: string; tableName?: string }[]
  tables: TableDefinition[]
  /** Templates the resolvers and functions refer to by location, including those written inline. */
  templates: Record<string, string>
}
export type { AppSyncSimulatorDataSourceConfig }

const ASSET_PREFIX = 'asset://'

/** Reads resolvers, functions, data sources and tables off the transformer's CDK tree. */
export function collectAppSyncResources(
  app: App,
  assets: Record<string, string>,
  resolverOverrides: Record<string, string>,
): AppSyncResources {
  const resources = renderResources(app)
  // Non-slot files in resolvers/ replace the generated template of the same name, as in the CLI.
  for (const [fileName, template] of Object.entries(resolverOverrides))
    assets[`resolvers/${fileName}`] = template
  const mappingTemplates = assets
  const tableNames = new Map<string, string>()
  const ctx: IntrinsicContext = { resources, tableNameOf: (id) => tableNames.get(id) ?? id }
  for (const r of resources.values()) {
    // Same table names as `amplify mock`: the model's table construct id (OpenChatTable, ...).
    if (r.type === 'AWS::DynamoDB::Table')
      tableNames.set(r.logicalId, tableConstructIds.get(r.logicalId) ?? r.logicalId)
  }
  const templates: Record<string, string> = {}
  const templateLocation = (value: unknown, inlineName: string): string => {
    const text = String(evaluateIntrinsics(value, ctx))
    if (text.startsWith(ASSET_PREFIX)) {
      const name = text.slice(ASSET_PREFIX.length)
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
  for (const r of resources.values()) {
    const p = props(r)
    switch (r.type) {
      case 'AWS::AppSync::DataSource':
        result.dataSources.push({
          name: String(evaluateIntrinsics(p.Name, ctx)),
          type: String(p.Type),
          tableName: p.DynamoDBConfig
            ? String(evaluateIntrinsics((p.DynamoDBConfig as Record<string, unknown>).TableName, ctx))
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
