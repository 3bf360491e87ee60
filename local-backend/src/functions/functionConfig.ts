import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseEnv } from 'node:util'
import { evaluateIntrinsics } from '../compile/cfnIntrinsics'

/**
 * A Gen 1 function (`amplify add function`) as the local backend runs it: read from
 * `amplify/backend/function/<name>/<name>-cloudformation-template.json` the way `amplify mock` reads it
 * (amplify-cli `packages/amplify-util-mock/src/utils/lambda/load-lambda-config.ts` and
 * `CFNParser/resource-processors/lambda.ts`): the `AWS::Lambda::Function` resource's Handler, FunctionName and
 * Environment.Variables, evaluated over the CLI's parameters (`utils/lambda/populate-cfn-params.ts`).
 */
export interface LocalFunctionConfig {
  /** The resource name: the folder under amplify/backend/function/. */
  resourceName: string
  /** The deployed name (`FunctionName`: `<name>-<env>`, or `<name>` in env NONE). */
  functionName: string
  arn: string
  /** `file.export` relative to src/ (the template's Handler; `index.handler` when it has none). */
  handler: string
  /** The folder the code runs in and resolves its own dependencies from (src/, its node_modules inside). */
  srcDir: string
  /** Seconds: the template's Timeout (the CLI writes 25), else Lambda's default of 3. */
  timeoutSeconds: number
  memorySizeMb: number
  /** The function's whole environment: nothing of the backend's own process environment is passed on. */
  environment: Record<string, string>
}

/** What the CLI would take from the cloud or the developer's profile, supplied locally. */
export interface LocalFunctionContext {
  projectDir: string
  envName: string
  region: string
  accountId: string
  /** Passed as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, as `amplify mock` passes the developer's. */
  credentials: { accessKeyId: string; secretAccessKey: string }
  /** The API's outputs a function may depend on (GraphQLAPIEndpointOutput, ...), pointing at the local API. */
  apiOutputs: (apiName: string) => Record<string, string>
}

export const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3
const LAMBDA_DEFAULT_MEMORY_MB = 128
const DEFAULT_HANDLER = 'index.handler'

export const functionsDir = (projectDir: string) => path.join(projectDir, 'amplify/backend/function')

/** The project's Lambda functions (folders with a `<name>-cloudformation-template.json`). */
export async function listProjectFunctions(projectDir: string): Promise<string[]> {
  const entries = await readdir(functionsDir(projectDir), { withFileTypes: true }).catch(() => [])
  const names: string[] = []
  for (const entry of entries) {
    if (!entry.isDirectory()) continue
    const template = path.join(
      functionsDir(projectDir),
      entry.name,
      `${entry.name}-cloudformation-template.json`,
    )
    if (
      await readFile(template).then(
        () => true,
        () => false,
      )
    )
      names.push(entry.name)
  }
  return names.sort()
}

/**
 * The local env name, as the CLI reads it (`stateManager.getLocalEnvInfo().envName`, from
 * amplify/.config/local-env-info.json, which `amplify init` / `amplify env checkout` write per machine);
 * `NONE` without one, the value the transformer and the CLI's templates use for "no environment".
 */
export async function readLocalEnvName(projectDir: string): Promise<string> {
  const info = await readJson(path.join(projectDir, 'amplify/.config/local-env-info.json'))
  const envName = (info as { envName?: unknown } | undefined)?.envName
  return typeof envName === 'string' && /^[a-z0-9]+$/i.test(envName) ? envName : 'NONE'
}

interface LambdaTemplate {
  Parameters?: Record<string, { Default?: unknown }>
  Conditions?: Record<string, unknown>
  Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }>
}

export async function loadFunctionConfig(
  resourceName: string,
  context: LocalFunctionContext,
): Promise<LocalFunctionConfig> {
  const dir = path.join(functionsDir(context.projectDir), resourceName)
  const templateFile = path.join(dir, `${resourceName}-cloudformation-template.json`)
  const template = (await readJson(templateFile)) as LambdaTemplate | undefined
  if (!template) throw new Error(`${templateFile} is missing`)
  const lambda = Object.values(template.Resources ?? {}).find((r) => r.Type === 'AWS::Lambda::Function')
  if (!lambda) throw new Error(`${templateFile} has no AWS::Lambda::Function resource`)
  const parameters = await cfnParameters(resourceName, template, context)
  const ctx = {
    resources: new Map(),
    tableNameOf: (id: string) => id,
    parameters,
    conditions: template.Conditions,
  }
  // The template's own conditions (ShouldNotCreateEnvResources: env is NONE) pick `<name>` or `<name>-<env>`.
  const props = lambda.Properties ?? {}
  const value = (v: unknown) => evaluateIntrinsics(v, ctx)
  const functionName = String(value(props.FunctionName ?? resourceName))
  const handler = props.Handler === undefined ? DEFAULT_HANDLER : String(value(props.Handler))
  const timeoutSeconds = positiveNumber(value(props.Timeout)) ?? LAMBDA_DEFAULT_TIMEOUT_SECONDS
  const memorySizeMb = positiveNumber(value(props.MemorySize)) ?? LAMBDA_DEFAULT_MEMORY_MB
  const cfnVariables = ((props.Environment as { Variables?: Record<string, unknown> } | undefined)
    ?.Variables ?? {}) as Record<string, unknown>
  const fromTemplate = Object.fromEntries(
    Object.entries(cfnVariables).map(([name, v]) => [name, String(value(v) ?? '')]),
  )
  const srcDir = path.join(dir, 'src')
  // populate-lambda-mock-env-vars.ts: the template's variables, then credentials, Lambda's static and
  // dynamic defaults, then the function folder's .env; a later source wins.
  const environment: Record<string, string> = {
    ...fromTemplate,
    AWS_ACCESS_KEY_ID: context.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: context.credentials.secretAccessKey,
    _X_AMZN_TRACE_ID: 'local-backend-x-amzn-trace-id',
    AWS_EXECUTION_ENV: 'AWS_Lambda_local-backend',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: 'local-backend',
    TZ: 'UTC',
    _HANDLER: handler,
    AWS_REGION: context.region,
    AWS_DEFAULT_REGION: context.region,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    LAMBDA_TASK_ROOT: srcDir,
    LAMBDA_RUNTIME_DIR: srcDir,
    ...(await readDotEnv(path.join(dir, '.env'))),
  }
  const arn = `arn:aws:lambda:${context.region}:${context.accountId}:function:${functionName}`
  return { resourceName, functionName, arn, handler, srcDir, timeoutSeconds, memorySizeMb, environment }
}

/**
 * The template's parameters as the CLI fills them (populate-cfn-params.ts), later ones winning: the
 * template's defaults, the pseudo parameters and `env`, the outputs of the resources it depends on (the API's
 * endpoint and key point at the local API, as with `amplify mock`), the function's parameters.json, and its
 * values in team-provider-info.json for this env.
 */
async function cfnParameters(
  resourceName: string,
  template: LambdaTemplate,
  context: LocalFunctionContext,
): Promise<Record<string, unknown>> {
  const { projectDir, envName } = context
  const defaults = Object.fromEntries(
    Object.entries(template.Parameters ?? {})
      .filter(([, p]) => p.Default !== undefined)
      .map(([name, p]) => [name, p.Default]),
  )
  const backendConfig = (await readJson(path.join(projectDir, 'amplify/backend/backend-config.json'))) as
    | {
        function?: Record<
          string,
          { dependsOn?: { category: string; resourceName: string; attributes?: string[] }[] }
        >
      }
    | undefined
  const dependencies: Record<string, string> = {}
  for (const dependency of backendConfig?.function?.[resourceName]?.dependsOn ?? []) {
    if (dependency.category !== 'api') continue
    const outputs = context.apiOutputs(dependency.resourceName)
    for (const attribute of dependency.attributes ?? []) {
      const output = outputs[attribute]
      if (output !== undefined)
        dependencies[`${dependency.category}${dependency.resourceName}${attribute}`] = output
    }
  }
  const parametersJson = await readJson(path.join(functionsDir(projectDir), resourceName, 'parameters.json'))
  const teamProviderInfo = (await readJson(path.join(projectDir, 'amplify/team-provider-info.json'))) as
    Record<string, { categories?: { function?: Record<string, Record<string, unknown>> } }> | undefined
  return {
    ...defaults,
    env: envName,
    'AWS::Region': context.region,
    'AWS::AccountId': context.accountId,
    'AWS::StackName': 'local-backend',
    'AWS::URLSuffix': 'amazonaws.com',
    ...dependencies,
    ...((parametersJson as Record<string, unknown> | undefined) ?? {}),
    ...(teamProviderInfo?.[envName]?.categories?.function?.[resourceName] ?? {}),
  }
}

const positiveNumber = (value: unknown) => {
  const n = Number(value)
  return Number.isFinite(n) && n > 0 ? n : undefined
}

async function readDotEnv(file: string): Promise<Record<string, string>> {
  const text = await readFile(file, 'utf8').catch(() => undefined)
  return text === undefined ? {} : (parseEnv(text) as Record<string, string>)
}

async function readJson(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error })
  }
}
