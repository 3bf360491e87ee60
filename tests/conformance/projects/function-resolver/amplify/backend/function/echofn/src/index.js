/**
 * One Lambda resolver for several fields, as Amplify's docs show it: the event's fieldName picks the branch.
 * https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/custom-business-logic/#structure-of-the-function-event
 * @type {import('aws-lambda').AppSyncResolverHandler<any, any>}
 */
exports.handler = (event, _context, callback) => {
  // The callback style: nothing is returned, the result goes to the callback.
  if (event.fieldName === 'callbackStyle') {
    setTimeout(() => callback(null, `called back with ${event.arguments.text}`), 10)
    return undefined
  }
  return asyncHandler(event)
}

/** The async style: the returned promise settles the invocation. */
async function asyncHandler(event) {
  switch (event.fieldName) {
    case 'echo':
      return {
        text: event.arguments.text,
        typeName: event.typeName,
        fieldName: event.fieldName,
        username: event.identity ? event.identity.username : null,
        sub: event.identity ? event.identity.sub : null,
        env: process.env.ENV,
        region: process.env.REGION,
        functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      }
    case 'fail':
      throw new Error(event.arguments.message)
    case 'rejectLater':
      return new Promise((_resolve, reject) =>
        setTimeout(() => reject(new Error(event.arguments.message)), 10),
      )
    case 'sleep':
      await new Promise((resolve) => setTimeout(resolve, event.arguments.ms))
      return 'woke up'
    case 'exitProcess':
      process.exit(3)
      return null
    case 'throwLater':
      setTimeout(() => {
        throw new Error('thrown outside the handler')
      }, 10)
      return new Promise(() => {})
    default:
      throw new Error(`Unknown field ${event.fieldName}`)
  }
}
