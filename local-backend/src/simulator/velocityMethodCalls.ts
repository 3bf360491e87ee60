import type { RenderableTemplate, VelocityMethodCall } from './appSyncSimulatorAdapter'

/**
 * Method calls as AppSync's Velocity (Apache Velocity, non-strict references) evaluates them: a method the
 * value's Java type does not have is not found, the call evaluates to null, and the template goes on. The
 * simulator's engine instead emulates Java's `put`, `keySet`, `entrySet` and `subList` on any value, and its
 * `put` on a list with one argument throws, which ends the whole template: the v2 transformer's response
 * template for a multi-owner list (`ownerField` on `[String]`) calls `$ctx.source.members.put($list)`, so
 * the field came back null locally and as the member names on AppSync.
 */
export function callMethodsAsAppSync(template: RenderableTemplate): void {
  const compiler = template.compiler
  const stock: VelocityMethodCall = compiler.getPropMethod
  compiler.getPropMethod = function (property, baseRef, ast) {
    const own = (baseRef as Record<string, unknown> | null | undefined)?.[property.id]
    if (typeof own !== 'function' && !javaTypeHasMethod(baseRef, property.id, property.args?.length ?? 0)) {
      return undefined
    }
    return stock.call(this, property, baseRef, ast)
  }
}

// Only the emulated methods whose Java owner is a Map or a List; everything else keeps the engine's answer.
function javaTypeHasMethod(value: unknown, method: string, argumentCount: number): boolean {
  const isList = Array.isArray(value)
  switch (method) {
    case 'put':
      return !isList && argumentCount === 2
    case 'keySet':
    case 'entrySet':
      return !isList
    case 'subList':
      return isList
    default:
      return true
  }
}
