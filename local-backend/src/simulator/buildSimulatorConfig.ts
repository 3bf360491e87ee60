import type {
  AmplifyAppSyncAuthenticationProviderConfig,
  AmplifyAppSyncSimulatorConfig,
  AppSyncSimulatorDataSourceConfig,
} from '@aws-amplify/amplify-appsync-simulator'
import type { CompiledApi } from '../compile/compileApi'
import { localDynamoDbCredentials, type LocalDynamoDb } from '../dynamodb/startDynamoDb'
import type { LocalFunctions } from '../functions/localFunctions'

interface AuthProvider {
  authenticationType: string
}

/** The simulator's configuration for a compiled API: what `amplify mock api` derives from CloudFormation. */
export function buildSimulatorConfig(
  api: CompiledApi,
  options: { dynamoDb: LocalDynamoDb; apiKey: string; functions: LocalFunctions },
): AmplifyAppSyncSimulatorConfig {
  const { defaultAuthentication, additionalAuthenticationProviders = [] } = api.project.authConfig
  const dataSources = api.dataSources.map(
    ({ name, type, tableName, lambdaFunctionArn }): AppSyncSimulatorDataSourceConfig =>
      type === 'AWS_LAMBDA'
        ? // The simulator's Lambda data source calls `invoke` with the request template's payload.
          {
            name,
            type,
            invoke: (payload: unknown) => options.functions.invoke(String(lambdaFunctionArn), payload),
          }
        : type === 'AMAZON_DYNAMODB'
          ? {
              name,
              type,
              config: {
                // With an HTTP endpoint (the stock configuration) the SDK's own HTTP client is used, as in
                // `amplify mock`; otherwise requests go to dynalite in-process and the endpoint is only a name.
                endpoint: options.dynamoDb.endpoint ?? 'http://dynamodb.in-process.invalid',
                region: localDynamoDbCredentials.region,
                accessKeyId: localDynamoDbCredentials.accessKeyId,
                secretAccessKey: localDynamoDbCredentials.secretAccessKey,
                tableName: tableName!,
                // The simulator hands this object to DynamoDBClient, which reads keys only from `credentials`.
                credentials: localDynamoDbCredentials,
                ...(!options.dynamoDb.endpoint && {
                  requestHandler: options.dynamoDb.inProcessRequestHandler,
                }),
              } as AppSyncSimulatorDataSourceConfig['config' & keyof AppSyncSimulatorDataSourceConfig],
            }
          : ({ name, type } as AppSyncSimulatorDataSourceConfig),
  )
  return {
    appSync: {
      name: api.apiName,
      apiKey: options.apiKey,
      defaultAuthenticationType: simulatorAuth(defaultAuthentication),
      additionalAuthenticationProviders: additionalAuthenticationProviders.map(simulatorAuth),
    },
    schema: { path: 'schema.graphql', content: api.schema },
    resolvers: api.resolvers,
    functions: api.functions,
    dataSources,
    mappingTemplates: Object.entries(api.templates).map(([path, content]) => ({ path, content })),
    tables: api.tables.map((t) => t.TableName),
  }
}

function simulatorAuth({ authenticationType }: AuthProvider): AmplifyAppSyncAuthenticationProviderConfig {
  if (authenticationType === 'AMAZON_COGNITO_USER_POOLS') {
    return { authenticationType, cognitoUserPoolConfig: {} } as AmplifyAppSyncAuthenticationProviderConfig
  }
  return { authenticationType } as AmplifyAppSyncAuthenticationProviderConfig
}
