import { velocityUtil, type RenderableTemplate } from './appSyncSimulatorAdapter'
import { toVelocityValue } from './velocityValues'
import { templateExtensions, utilityFixes, type SubscriptionRequestContext } from './velocityExtensions'

type Util = Record<string, unknown> & { errors: unknown[] }

interface RequestContext extends SubscriptionRequestContext {
  requestAuthorizationMode?: string
  jwt?: Record<string, unknown>
  sourceIp?: string
  headers?: unknown
  iamToken?: Record<string, unknown>
}

interface CtxValues {
  source?: unknown
  arguments?: unknown
  result?: unknown
  stash?: unknown
  prevResult?: unknown
  error?: { type?: string; message?: string; extensions?: { errorType?: string } } & Record<string, unknown>
}

interface FieldNode {
  name: { value: string }
  selectionSet?: unknown
}
interface ResolveInfo {
  fieldName: string
  fieldNodes: readonly FieldNode[]
  variableValues: unknown
  parentType: unknown
}

type Renderable = Omit<RenderableTemplate, 'buildRenderContext'> & {
  compiler: { config: { valueMapper: (value: unknown, hint?: string) => unknown } }
  buildRenderContext(ctxValues: CtxValues, requestContext: RequestContext, info: ResolveInfo): unknown
}

const createUtil = velocityUtil.create as (
  errors: unknown[],
  now: Date,
  info: unknown,
  context: RequestContext,
) => Util
const { createInfo } = velocityUtil as {
  createInfo(info: ResolveInfo): { selectionSetList: string[]; selectionSetGraphQL: string }
}

const OIDC = 'OPENID_CONNECT'
const USER_POOLS = 'AMAZON_COGNITO_USER_POOLS'
const IAM = 'AWS_IAM'
const AUTH_TYPE_NAMES: Record<string, string> = {
  API_KEY: 'API Key Authorization',
  [IAM]: 'IAM Authorization',
  [USER_POOLS]: 'User Pool Authorization',
  [OIDC]: 'Open ID Connect Authorization',
}

// Everything in $util that does not depend on the render: built once instead of once per template render.
// Each render gets an object inheriting from it, with its own errors, time and auth type.
const sharedUtil: Util = createUtil([], new Date(), undefined, {})
Object.assign(sharedUtil, utilityFixes(sharedUtil))

// The selection set of a field, printed and listed, per field node of a parsed query.
const selectionSets = new WeakMap<FieldNode, { selectionSetList: string[]; selectionSetGraphQL: string }>()

function selectionSetOf(info: ResolveInfo) {
  const fieldNode = info.fieldNodes.find((f) => f.name.value === info.fieldName)
  if (!fieldNode) return { selectionSetList: [], selectionSetGraphQL: '' }
  let selection = selectionSets.get(fieldNode)
  if (!selection) {
    const { selectionSetList, selectionSetGraphQL } = createInfo(info)
    selection = { selectionSetList, selectionSetGraphQL }
    selectionSets.set(fieldNode, selection)
  }
  return selection
}

function identityOf(template: Renderable, requestContext: RequestContext) {
  const { jwt, sourceIp, iamToken, requestAuthorizationMode: mode } = requestContext
  const { iss: issuer, sub, 'cognito:username': cognitoUserName, username } = jwt ?? {}
  if (mode === OIDC) return toVelocityValue({ sub, issuer, sourceIp, claims: jwt })
  if (mode === USER_POOLS) {
    const defaultIsUserPools =
      template.simulatorContext.appSyncConfig.defaultAuthenticationType.authenticationType === USER_POOLS
    return toVelocityValue({
      sub,
      issuer,
      sourceIp,
      'cognito:username': cognitoUserName,
      username: username || cognitoUserName,
      claims: jwt,
      ...(defaultIsUserPools ? { defaultAuthStrategy: 'ALLOW' } : {}),
    })
  }
  if (mode === IAM) {
    return toVelocityValue({
      accountId: iamToken?.accountId,
      sourceIp,
      username: iamToken?.username,
      userArn: iamToken?.userArn,
      cognitoIdentityPoolId: iamToken?.cognitoIdentityPoolId,
      cognitoIdentityId: iamToken?.cognitoIdentityId,
      cognitoIdentityAuthType: iamToken?.cognitoIdentityAuthType,
      cognitoIdentityAuthProvider: iamToken?.cognitoIdentityAuthProvider,
    })
  }
  return null
}

/**
 * Replaces the template's `buildRenderContext` (simulator `velocity/index.js`) with one that builds the same
 * `$ctx` and `$util` with much less work, plus the utilities the stock simulator lacks or gets wrong (see
 * ./velocityExtensions.ts). The stock one rebuilds all of `$util`, prints the query's selection set and
 * converts every value with a quadratic mapper on each of the ~12 renders a mutation takes; together with
 * the garbage that made, it was about a third of the backend's CPU time under load.
 */
export function renderTemplatesFaster(template: RenderableTemplate): void {
  const renderable = template as Renderable
  renderable.compiler.config.valueMapper = toVelocityValue
  renderable.buildRenderContext = (ctxValues, requestContext, info) => {
    const { source, arguments: argument, result, stash, prevResult, error } = ctxValues
    const util = Object.create(sharedUtil) as Util
    util.errors = []
    util.now = new Date()
    util.info = info
    util.authType = () =>
      AUTH_TYPE_NAMES[requestContext.requestAuthorizationMode ?? ''] ?? AUTH_TYPE_NAMES.API_KEY
    const args = toVelocityValue(argument)
    const vtlContext: Record<string, unknown> = {
      arguments: args,
      args,
      info: toVelocityValue({
        fieldName: info.fieldName,
        variables: info.variableValues,
        parentTypeName: info.parentType,
        ...selectionSetOf(info),
      }),
      request: { headers: requestContext.headers },
      identity: identityOf(renderable, requestContext),
      stash: toVelocityValue(stash || {}),
      source: toVelocityValue(source),
      result: toVelocityValue(result),
      error: error
        ? {
            ...error,
            type: error.type || error.extensions?.errorType || 'UnknownErrorType',
            message: error.message || `Error: ${String(error)}`,
          }
        : error,
    }
    if (typeof prevResult !== 'undefined') vtlContext.prev = toVelocityValue({ result: prevResult })
    return {
      util,
      utils: util,
      context: vtlContext,
      ctx: vtlContext,
      extensions: templateExtensions(requestContext),
    }
  }
}
