// Runs one invocation of a Lambda handler in a process of its own, as the Amplify CLI's Node.js runtime
// provider does (amplify-cli `packages/amplify-nodejs-function-runtime-provider/src/utils/execute.ts`): the
// parent sends the handler and the event over IPC, the result or the error comes back the same way.
// Plain JavaScript so that `node` runs it without a TypeScript loader.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const post = (message) => new Promise((resolve) => process.send(message, () => resolve()))
let settled = false
/** Sends the invocation's one outcome (later ones are ignored, as Lambda ignores them) and exits. */
const finish = (message) => {
  if (settled) return
  settled = true
  void post(message).then(() => process.exit(0))
}

/** Lambda's error payload: errorType, errorMessage, trace (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html). */
function lambdaError(error, fallbackType) {
  if (error instanceof Error) {
    return {
      errorType: error.name || fallbackType,
      errorMessage: error.message,
      trace: String(error.stack ?? '').split('\n'),
    }
  }
  return {
    errorType: typeof error === 'string' ? 'string' : fallbackType,
    errorMessage: String(error),
    trace: [],
  }
}

const fail = (error, type) => finish({ type: 'error', error: lambdaError(error, type) })

// What escapes the handler still ends this invocation with an error, never the parent process.
process.on('uncaughtException', (error) => fail(error, 'Runtime.UncaughtException'))
process.on('unhandledRejection', (reason) => fail(reason, 'Runtime.UnhandledPromiseRejection'))
// A callback-style handler that never calls back ends when nothing is left to do: Lambda answers null.
process.on('beforeExit', () => finish({ type: 'result', json: 'null' }))

/** Lambda's Node.js runtime looks for `<file>.js`, then `.mjs`, then `.cjs`, relative to the code's root. */
async function loadHandler(root, handler) {
  const { dir, name, ext } = path.parse(handler)
  const exportName = ext.slice(1)
  const base = path.resolve(root, dir, name)
  if (path.relative(root, base).startsWith('..'))
    throw Object.assign(new Error(`Bad handler ${handler}`), { name: 'Runtime.MalformedHandlerName' })
  const file = ['.js', '.mjs', '.cjs'].map((e) => base + e).find((f) => existsSync(f))
  if (!file) {
    throw Object.assign(new Error(`Cannot find module '${path.join(dir, name)}' in ${root}`), {
      name: 'Runtime.ImportModuleError',
    })
  }
  const module = await import(pathToFileURL(file).href)
  const fn = module[exportName] ?? module.default?.[exportName]
  if (typeof fn !== 'function') {
    throw Object.assign(new Error(`${path.join(dir, name)}.${exportName} is undefined or not exported`), {
      name: 'Runtime.HandlerNotFound',
    })
  }
  return fn
}

process.once('message', async ({ root, handler, event, context }) => {
  let fn
  try {
    fn = await loadHandler(root, handler)
  } catch (error) {
    return fail(error, 'Runtime.ImportModuleError')
  }
  await post({ type: 'ready' })
  const deadline = Date.now() + context.timeoutMs
  const lambdaContext = {
    ...context.fields,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  }
  const succeed = (result) => {
    let json
    try {
      json = JSON.stringify(result === undefined ? null : result) ?? 'null'
    } catch (error) {
      return fail(error, 'Runtime.MarshalError')
    }
    finish({ type: 'result', json })
  }
  // Whichever comes first settles the invocation: the callback, or the promise the handler returns.
  const callback = (error, result) => (error ? fail(error, 'Error') : succeed(result))
  try {
    const returned = fn(event, lambdaContext, callback)
    if (returned && typeof returned.then === 'function')
      returned.then(succeed, (error) => fail(error, 'Error'))
  } catch (error) {
    fail(error, 'Error')
  }
})
