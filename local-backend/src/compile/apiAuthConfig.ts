import type {
  AppSyncAuthConfiguration,
  AppSyncAuthConfigurationEntry,
} from '@aws-amplify/graphql-transformer-interfaces'

/** One auth mode as `amplify add api` / `amplify update api` records it in the API's cli-inputs.json. */
interface CliInputsAuthType {
  mode: string
  cognitoUserPoolId?: string
  expirationTime?: number
  keyDescription?: string
  openIDProviderName?: string
  openIDIssuerURL?: string
  openIDClientID?: string
  openIDAuthTTL?: string | number
  openIDIatTTL?: string | number
  lambdaFunction?: string
  ttlSeconds?: string | number
}

/**
 * The API's auth modes, read as the CLI reads them: from cli-inputs.json `serviceConfiguration`
 * (`defaultAuthType`, `additionalAuthTypes`), which `amplify add/update api` writes, else from the
 * `output.authConfig` it copies into backend-config.json.
 */
export function apiAuthConfig(
  cliInputs:
    | {
        serviceConfiguration?: {
          defaultAuthType?: CliInputsAuthType
          additionalAuthTypes?: CliInputsAuthType[]
        }
      }
    | undefined,
  backendConfigAuth: AppSyncAuthConfiguration | undefined,
  where: string,
): AppSyncAuthConfiguration {
  const service = cliInputs?.serviceConfiguration
  if (service?.defaultAuthType) {
    return {
      defaultAuthentication: authEntry(service.defaultAuthType),
      additionalAuthenticationProviders: (service.additionalAuthTypes ?? []).map(authEntry),
    }
  }
  if (backendConfigAuth?.defaultAuthentication) {
    return {
      defaultAuthentication: backendConfigAuth.defaultAuthentication,
      additionalAuthenticationProviders: backendConfigAuth.additionalAuthenticationProviders ?? [],
    }
  }
  throw new Error(
    `${where}: no auth modes (neither cli-inputs.json serviceConfiguration.defaultAuthType nor backend-config.json output.authConfig)`,
  )
}

function authEntry(t: CliInputsAuthType): AppSyncAuthConfigurationEntry {
  switch (t.mode) {
    case 'API_KEY':
      return {
        authenticationType: 'API_KEY',
        apiKeyConfig: { apiKeyExpirationDays: t.expirationTime ?? 7, description: t.keyDescription },
      }
    case 'AMAZON_COGNITO_USER_POOLS':
      return {
        authenticationType: 'AMAZON_COGNITO_USER_POOLS',
        userPoolConfig: { userPoolId: t.cognitoUserPoolId ?? '' },
      }
    case 'OPENID_CONNECT':
      return {
        authenticationType: 'OPENID_CONNECT',
        openIDConnectConfig: {
          name: t.openIDProviderName ?? '',
          issuerUrl: t.openIDIssuerURL ?? '',
          clientId: t.openIDClientID,
          authTTL: t.openIDAuthTTL === undefined ? undefined : Number(t.openIDAuthTTL),
          iatTTL: t.openIDIatTTL === undefined ? undefined : Number(t.openIDIatTTL),
        },
      }
    case 'AWS_LAMBDA':
      return {
        authenticationType: 'AWS_LAMBDA',
        lambdaAuthorizerConfig: {
          lambdaFunction: t.lambdaFunction ?? '',
          ttlSeconds: Number(t.ttlSeconds ?? 300),
        },
      }
    case 'AWS_IAM':
      return { authenticationType: 'AWS_IAM' }
    default:
      throw new Error(`Unknown auth mode "${t.mode}" in the API's cli-inputs.json`)
  }
}

const AMPLIFY_INPUT = 'AMPLIFY'

/**
 * Whether the schema turns on the transformer's sandbox mode, decided as the CLI decides it
 * (`schemaHasSandboxModeEnabled` in amplify-category-api's sandbox-mode-helpers): an `input AMPLIFY` with
 * `globalAuthRule: AuthRule = { allow: public }`. Any other AMPLIFY input is an error, as in the CLI.
 */
export function schemaHasSandboxMode(
  definitions: readonly { kind: string; name?: { value: string } }[],
): boolean {
  const input = definitions.find(
    (d) => d.kind === 'InputObjectTypeDefinition' && d.name?.value === AMPLIFY_INPUT,
  ) as
    | {
        fields?: {
          name: { value: string }
          type: { name?: { value: string } }
          defaultValue?: { fields?: { name: { value: string }; value: { value?: string } }[] }
        }[]
      }
    | undefined
  if (!input) return false
  const field = input.fields?.find((f) => ['global_auth_rule', 'globalAuthRule'].includes(f.name.value))
  if (!field) throw new Error(`input AMPLIFY requires a "globalAuthRule" field. See ${authDocLink}`)
  const first = field.defaultValue?.fields?.[0]
  if (
    field.type.name?.value === 'AuthRule' &&
    first?.name.value === 'allow' &&
    first.value.value === 'public'
  )
    return true
  throw new Error(`input AMPLIFY's globalAuthRule must be "AuthRule = { allow: public }". See ${authDocLink}`)
}

export const authDocLink =
  'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/customize-authorization-rules/'
