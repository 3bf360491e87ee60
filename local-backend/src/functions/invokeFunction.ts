import { fork } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { createInterface } from 'node:readline'
import type { LocalFunctionConfig } from './functionConfig'

/**
 * What AppSync puts in `$ctx.error` when a Lambda data source's function fails: the function's error
 * message, with type `Lambda:Unhandled` (an unhandled function error, Lambda's `FunctionError: Unhandled`),
 * which the @function response template hands to `$util.error`.
 */
export class LambdaInvocationError extends Error {
  override name = 'LambdaInvocationError'
  constructor(
    message: string,
    readonly type = 'Lambda:Unhandled',
  ) {
    super(message)
  }
}

/** Lambda's limit on a synchronous invocation's response. */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024
/** Lambda's limit on a function's initialization (loading its code) before it is invoked. */
const INIT_TIMEOUT_MS = 10_000

const runnerPath = path.join(import.meta.dirname, 'lambdaRunner.mjs')

type RunnerMessage =
  | { type: 'ready' }
  | { type: 'result'; json: string }
  | { type: 'error'; error: { errorType?: string; errorMessage?: string } }

/**
 * Invokes the function once, in a Node.js process of its own (as `amplify mock` does: a fresh process per
 * invocation, with only the function's environment), so that nothing it does (throw, reject, exit, loop,
 * fill its memory) reaches the backend: every failure becomes a LambdaInvocationError. The function's
 * Timeout starts once its code is loaded, as Lambda separates init from invocation.
 */
export function invokeFunction(
  config: LocalFunctionConfig,
  event: unknown,
  log: (line: string) => void,
): Promise<unknown> {
  const requestId = randomUUID()
  const child = fork(runnerPath, [], {
    cwd: config.srcDir,
    env: config.environment,
    execArgv: [`--max-old-space-size=${Math.max(64, Math.round(config.memorySizeMb))}`],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  })
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      createInterface({ input: stream }).on('line', (line) =>
        log(`[function ${config.functionName}] ${line}`),
      )
  }
  return new Promise((resolve, reject) => {
    let timer = setTimeout(
      () => end(new LambdaInvocationError(`Function init timed out after ${INIT_TIMEOUT_MS / 1000} seconds`)),
      INIT_TIMEOUT_MS,
    )
    let ended = false
    const end = (outcome: LambdaInvocationError | { json: string }) => {
      if (ended) return
      ended = true
      clearTimeout(timer)
      child.kill('SIGKILL')
      if (outcome instanceof LambdaInvocationError) return reject(outcome)
      if (Buffer.byteLength(outcome.json) > MAX_RESPONSE_BYTES) {
        return reject(
          new LambdaInvocationError(
            `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
          ),
        )
      }
      resolve(JSON.parse(outcome.json))
    }
    child.on('message', (message: RunnerMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer)
        timer = setTimeout(
          () =>
            end(
              new LambdaInvocationError(`Task timed out after ${config.timeoutSeconds.toFixed(2)} seconds`),
            ),
          config.timeoutSeconds * 1000,
        )
      } else if (message.type === 'result') end({ json: message.json })
      else if (message.type === 'error')
        end(new LambdaInvocationError(message.error.errorMessage ?? 'Unknown error'))
    })
    child.on('error', (error) =>
      end(new LambdaInvocationError(`The function could not be started: ${error.message}`)),
    )
    // 'close' comes after the IPC channel is drained, so a result sent just before exiting is not lost.
    child.on('close', (code, signal) =>
      end(
        new LambdaInvocationError(
          `Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code}`}`,
        ),
      ),
    )
    child.send({
      root: config.srcDir,
      handler: config.handler,
      event,
      context: {
        timeoutMs: config.timeoutSeconds * 1000,
        fields: {
          functionName: config.functionName,
          functionVersion: '$LATEST',
          invokedFunctionArn: config.arn,
          memoryLimitInMB: String(config.memorySizeMb),
          awsRequestId: requestId,
          logGroupName: config.environment.AWS_LAMBDA_LOG_GROUP_NAME,
          logStreamName: config.environment.AWS_LAMBDA_LOG_STREAM_NAME,
        },
      },
    })
  })
}
