/** A CloudFormation resource as the transformer's CDK tree renders it, with its logical id. */
export interface CfnResourceEntry {
  logicalId: string
  type: string
  properties: Record<string, unknown>
}

/** What the local backend substitutes for values only AWS knows (the API id, ARNs, the environment). */
export interface IntrinsicContext {
  resources: Map<string, CfnResourceEntry>
  tableNameOf: (logicalId: string) => string
  /** A custom stack's parameters (AppSyncApiId, env, S3DeploymentBucket, ... and parameters.json). */
  parameters?: Record<string, unknown>
  /** A custom stack's Conditions section. */
  conditions?: Record<string, unknown>
}

/** What `s3://${S3DeploymentBucket}/${S3DeploymentRootKey}/` becomes locally: templates are read from the API folder. */
export const LOCAL_DEPLOYMENT_PREFIX = 's3://local-deployment-bucket/local-deployment-root/'

/**
 * Evaluates the intrinsic functions the transformer's templates and custom stacks use (Ref, Fn::GetAtt,
 * Fn::Join, Fn::Sub, Fn::If, Fn::Select) into plain values.
 */
export function evaluateIntrinsics(value: unknown, ctx: IntrinsicContext): unknown {
  if (Array.isArray(value)) return value.map((v) => evaluateIntrinsics(v, ctx))
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value)
  if (entries.length === 1) {
    const [key, arg] = entries[0]
    switch (key) {
      case 'Ref':
        return evaluateRef(arg as string, ctx)
      case 'Fn::GetAtt':
        return evaluateGetAtt((typeof arg === 'string' ? arg.split('.') : arg) as [string, string], ctx)
      case 'Fn::Join': {
        const [separator, parts] = arg as [string, unknown[]]
        return (evaluateIntrinsics(parts, ctx) as unknown[]).join(separator)
      }
      case 'Fn::If': {
        // Unknown conditions are the transformer's environment conditions: locally there is no environment.
        const [condition, whenTrue, whenFalse] = arg as [string, unknown, unknown]
        return evaluateIntrinsics(evaluateCondition(condition, ctx) ? whenTrue : whenFalse, ctx)
      }
      case 'Fn::Sub': {
        const [text, variables] = (typeof arg === 'string' ? [arg, {}] : arg) as [
          string,
          Record<string, unknown>,
        ]
        const values = evaluateIntrinsics(variables, ctx) as Record<string, unknown>
        return text.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
          if (name in values) return String(values[name])
          const [id, attribute] = name.split('.')
          return String(attribute ? evaluateGetAtt([id, attribute], ctx) : evaluateRef(id, ctx))
        })
      }
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown]
        return (evaluateIntrinsics(list, ctx) as unknown[])[Number(evaluateIntrinsics(index, ctx))]
      }
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, evaluateIntrinsics(v, ctx)]))
}

/** A custom stack's condition (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition); unknown ones are false. */
export function evaluateCondition(name: string, ctx: IntrinsicContext): boolean {
  const definition = ctx.conditions?.[name]
  return definition === undefined ? false : conditionValue(definition, ctx)
}

function conditionValue(value: unknown, ctx: IntrinsicContext): boolean {
  const [key, arg] = Object.entries(value as Record<string, unknown>)[0] ?? []
  const args = arg as unknown[]
  switch (key) {
    case 'Fn::Equals': {
      const [a, b] = evaluateIntrinsics(args, ctx) as unknown[]
      return String(a) === String(b)
    }
    case 'Fn::Not':
      return !conditionValue(args[0], ctx)
    case 'Fn::And':
      return args.every((a) => conditionValue(a, ctx))
    case 'Fn::Or':
      return args.some((a) => conditionValue(a, ctx))
    case 'Condition':
      return evaluateCondition(arg as string, ctx)
    default:
      return false
  }
}

function evaluateRef(name: string, ctx: IntrinsicContext): unknown {
  if (ctx.parameters && name in ctx.parameters) return ctx.parameters[name]
  if (name === 'AWS::Region') return 'us-fake-1'
  if (name === 'AWS::AccountId') return '123456789012'
  if (name === 'AWS::NoValue') return ''
  if (name === 'env') return 'NONE'
  const resource = ctx.resources.get(name)
  if (resource?.type === 'AWS::DynamoDB::Table') return ctx.tableNameOf(name)
  return name
}

function evaluateGetAtt([logicalId, attribute]: [string, string], ctx: IntrinsicContext): unknown {
  const resource = ctx.resources.get(logicalId)
  if (attribute === 'ApiId') return 'local'
  if (attribute === 'FunctionId') return logicalId
  if (attribute === 'Name' && resource?.type === 'AWS::AppSync::DataSource') {
    return String(evaluateIntrinsics(resource.properties.Name, ctx))
  }
  return `arn:aws:local:us-fake-1:123456789012:${logicalId}/${attribute}`
}
