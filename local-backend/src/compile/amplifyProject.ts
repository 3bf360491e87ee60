import { readFile } from 'node:fs/promises'
import path from 'node:path'

/** The resources of a Gen 1 project the local backend serves, found as the CLI finds them. */
export interface AmplifyProjectResources {
  projectDir: string
  apiName: string
  apiDir: string
  /** The Cognito auth resource (`amplify add auth`), when the project has one. */
  auth?: { name: string; cliInputsPath: string }
}

interface BackendConfigResource {
  service?: string
  dependsOn?: { category?: string; resourceName?: string }[]
}

/**
 * Reads amplify/backend/backend-config.json, where `amplify add api` and `amplify add auth` record their
 * resources under the names the user chose: the AppSync API (the CLI's mock serves one) and the Cognito
 * user pool it depends on, else the project's only Cognito resource.
 */
export async function readAmplifyProjectResources(projectDir: string): Promise<AmplifyProjectResources> {
  const file = path.join(projectDir, 'amplify/backend/backend-config.json')
  let config: Record<string, Record<string, BackendConfigResource> | undefined>
  try {
    config = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new Error(
      `Cannot read ${file} (is ${projectDir} an Amplify Gen 1 project?): ${(error as Error).message}`,
      {
        cause: error,
      },
    )
  }
  const apis = Object.entries(config.api ?? {}).filter(([, r]) => r.service === 'AppSync')
  if (apis.length === 0)
    throw new Error(`${file} has no GraphQL API (no api resource with service "AppSync")`)
  if (apis.length > 1) {
    throw new Error(
      `${file} has ${apis.length} GraphQL APIs (${apis.map(([name]) => name).join(', ')}); the local backend, like amplify mock, serves one`,
    )
  }
  const [apiName, api] = apis[0]
  const pools = Object.entries(config.auth ?? {}).filter(([, r]) => r.service === 'Cognito')
  const dependedOn = api.dependsOn?.find((d) => d.category === 'auth')?.resourceName
  const authName = dependedOn ?? (pools.length === 1 ? pools[0][0] : undefined)
  return {
    projectDir,
    apiName,
    apiDir: path.join(projectDir, 'amplify/backend/api', apiName),
    auth: authName
      ? {
          name: authName,
          cliInputsPath: path.join(projectDir, 'amplify/backend/auth', authName, 'cli-inputs.json'),
        }
      : undefined,
  }
}

/** The project folder of an API folder (`<project>/amplify/backend/api/<name>`). */
export const projectDirOf = (apiDir: string) => path.resolve(apiDir, '../../../..')
