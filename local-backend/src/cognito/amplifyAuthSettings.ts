import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type {
  CreateUserPoolClientRequest,
  CreateUserPoolRequest,
} from 'aws-sdk/clients/cognitoidentityserviceprovider'

/** The Amplify project's auth resource: the local pool is created from it so local sign-up behaves like the cloud one. */
export const defaultAuthCliInputsPath = fileURLToPath(
  new URL('../../../amplify/backend/auth/chatauth/cli-inputs.json', import.meta.url),
)

export interface AmplifyAuthSettings {
  userPool: Omit<CreateUserPoolRequest, 'PoolName'> & { PoolName: string }
  userPoolClient: Omit<CreateUserPoolClientRequest, 'UserPoolId'> & { ClientName: string }
}

interface CognitoCliInputs {
  userPoolName: string
  resourceNameTruncated: string
  usernameAttributes?: string[]
  requiredAttributes?: string[]
  autoVerifiedAttributes?: string[]
  mfaConfiguration?: string
  passwordPolicyMinLength?: number | string
  passwordPolicyCharacters?: string[]
  emailVerificationSubject?: string
  emailVerificationMessage?: string
  usernameCaseSensitive?: boolean
  userpoolClientGenerateSecret?: boolean
  userpoolClientRefreshTokenValidity?: number | string
  userpoolClientReadAttributes?: string[]
  userpoolClientWriteAttributes?: string[]
}

export async function readAmplifyAuthSettings(
  cliInputsPath = defaultAuthCliInputsPath,
): Promise<AmplifyAuthSettings> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(cliInputsPath, 'utf8'))
  } catch (error) {
    throw new Error(
      `Cannot read the Amplify auth settings in ${cliInputsPath}: ${(error as Error).message}`,
      {
        cause: error,
      },
    )
  }
  const inputs = (parsed as { cognitoConfig?: CognitoCliInputs }).cognitoConfig
  if (
    !inputs ||
    typeof inputs.userPoolName !== 'string' ||
    typeof inputs.resourceNameTruncated !== 'string'
  ) {
    throw new Error(`${cliInputsPath} has no cognitoConfig with userPoolName and resourceNameTruncated`)
  }
  return authSettingsFromCliInputs(inputs)
}

// The mapping follows the Gen 1 auth CloudFormation template, so a local account has the same rules as a cloud one.
function authSettingsFromCliInputs(inputs: CognitoCliInputs): AmplifyAuthSettings {
  const characters = inputs.passwordPolicyCharacters ?? []
  return {
    userPool: {
      PoolName: inputs.userPoolName,
      UsernameAttributes: inputs.usernameAttributes,
      AutoVerifiedAttributes: inputs.autoVerifiedAttributes,
      MfaConfiguration: inputs.mfaConfiguration?.toUpperCase(),
      EmailVerificationSubject: inputs.emailVerificationSubject,
      EmailVerificationMessage: inputs.emailVerificationMessage,
      UsernameConfiguration: { CaseSensitive: inputs.usernameCaseSensitive ?? false },
      Schema: (inputs.requiredAttributes ?? []).map((name) => ({
        Name: name,
        AttributeDataType: 'String',
        Mutable: true,
        Required: true,
      })),
      Policies: {
        PasswordPolicy: {
          MinimumLength: Number(inputs.passwordPolicyMinLength ?? 8),
          RequireLowercase: characters.includes('Requires Lowercase'),
          RequireUppercase: characters.includes('Requires Uppercase'),
          RequireNumbers: characters.includes('Requires Numbers'),
          RequireSymbols: characters.includes('Requires Symbols'),
        },
      },
    },
    userPoolClient: {
      ClientName: `${inputs.resourceNameTruncated}_app_clientWeb`,
      // A browser app cannot keep a secret; Amplify refuses clients that have one.
      GenerateSecret: false,
      RefreshTokenValidity: Number(inputs.userpoolClientRefreshTokenValidity ?? 30),
      // Cognito's defaults (60 minutes), which the Gen 1 template keeps.
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      ReadAttributes: inputs.userpoolClientReadAttributes,
      WriteAttributes: inputs.userpoolClientWriteAttributes,
    },
  }
}
