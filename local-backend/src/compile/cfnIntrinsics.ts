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
}

/**
 * Evaluates the few intrinsic functions the transformer's templates use (Ref, Fn::GetAtt, Fn::Join,
 * Fn::Sub without variables map, Fn::If on the environment condition) into plain values.
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
        return evaluateGetAtt(arg as [string, string], ctx)
      case 'Fn::Join': {
        const [separator, parts] = arg as [string, unknown[]]
        return (evaluateIntrinsics(parts, ctx) as unknown[]).join(separator)
      }
      case 'Fn::If': {
        // Only environment conditions appear; locally there is no Amplify environment.
        const [, , whenFalse] = arg as [string, unknown, unknown]
        return evaluateIntrinsics(whenFalse, ctx)
      }
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, evaluateIntrinsics(v, ctx)]))
}

function evaluateRef(name: string, ctx: IntrinsicContext): string {
  if (name === 'AWS::Region') return 'us-fake-1'
  if (name === 'AWS::AccountId') return '123456789012'
  if (name === 'AWS::NoValue') return ''
  if (name === 'env') return 'NONE'
  const resource = ctx.resources.get(name)
  if (resource?.type === 'AWS::DynamoDB::Table') return ctx.tableNameOf(name)
  return name
}

function evaluateGetAtt([logicalId, attribute]: [string, string], ctx: IntrinsicContext): string {
  const resource = ctx.resources.get(logicalId)
  if (attribute === 'ApiId') return 'local'
  if (attribute === 'FunctionId') return logicalId
  if (attribute === 'Name' && resource?.type === 'AWS::AppSync::DataSource') {
    return String(evaluateIntrinsics(resource.properties.Name, ctx))
  }
  return `arn:aws:local:us-fake-1:123456789012:${logicalId}/${attribute}`
}
