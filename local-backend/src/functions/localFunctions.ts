import { invokeFunction, LambdaInvocationError } from './invokeFunction'
import {
  listProjectFunctions,
  loadFunctionConfig,
  type LocalFunctionConfig,
  type LocalFunctionContext,
} from './functionConfig'

/** Child processes running functions at once; further invocations wait for one to end. */
export const MAX_CONCURRENT_INVOCATIONS = 8

export interface LocalFunctions {
  /** Invokes the project function an AWS_LAMBDA data source's ARN names, with the request template's payload. */
  invoke(lambdaFunctionArn: string, payload: unknown): Promise<unknown>
  /** The project function an ARN names (as `amplify mock` matches them), or undefined. */
  resolve(lambdaFunctionArn: string): Promise<LocalFunctionConfig | undefined>
  /** Lines saying which function each ARN runs, or that none does (logged at start and after a recompile). */
  describe(lambdaFunctionArns: readonly string[]): Promise<string[]>
}

/**
 * The project's Gen 1 functions, run locally for Lambda data sources (`@function` resolvers), as
 * `amplify mock api` runs them (amplify-cli `packages/amplify-util-mock/src/api/api.ts`,
 * `configureLambdaDataSource`). A function's configuration is read again at each invocation, and each
 * invocation is a fresh process, so edits to its code, template or .env apply to the next call.
 */
export function localFunctions(context: LocalFunctionContext, log: (line: string) => void): LocalFunctions {
  let running = 0
  const waiting: (() => void)[] = []
  const slot = async () => {
    if (running >= MAX_CONCURRENT_INVOCATIONS) await new Promise<void>((resolve) => waiting.push(resolve))
    running++
  }
  const release = () => {
    running--
    waiting.shift()?.()
  }

  /**
   * `amplify mock`'s lambdaArnToConfig (api/lambda-arn-to-config.ts) takes the project function whose name
   * the ARN contains. Here the ARN's function name must be a function's resource name or its deployed name
   * (`<name>-<env>`), so that `x` never runs for `x2`. `@function(name: "x-${env}")` compiles to `x` (the
   * transformer drops `-${env}` without an environment) and a hard-coded `x-dev` matches the deployed name.
   */
  const resolve = async (arn: string) => {
    const name = /:function:([^:]+)/.exec(arn)?.[1]
    if (!name) return undefined
    for (const resourceName of await listProjectFunctions(context.projectDir)) {
      if (resourceName !== name && `${resourceName}-${context.envName}` !== name) continue
      return loadFunctionConfig(resourceName, context)
    }
    return undefined
  }

  return {
    resolve,
    async invoke(arn, payload) {
      const config = await resolve(arn).catch((error: Error) => {
        throw new LambdaInvocationError(error.message)
      })
      if (!config) {
        throw new LambdaInvocationError(
          `Function not found: ${arn}. The local backend runs only the project's own functions (amplify/backend/function/<name>), as amplify mock does.`,
          'Lambda:ResourceNotFoundException',
        )
      }
      await slot()
      try {
        return await invokeFunction(config, payload, log)
      } finally {
        release()
      }
    },
    async describe(arns) {
      const lines: string[] = []
      for (const arn of new Set(arns)) {
        const config = await resolve(arn).catch((error: Error) => error)
        if (config instanceof Error) lines.push(`WARN: ${arn}: ${config.message}`)
        else if (config) {
          lines.push(
            `Lambda data source ${arn} runs amplify/backend/function/${config.resourceName} (${config.handler}, timeout ${config.timeoutSeconds} s, env ${context.envName})`,
          )
        } else {
          lines.push(
            `WARN: no function of this project matches ${arn}: fields resolved by it answer "Function not found"`,
          )
        }
      }
      return lines
    },
  }
}
