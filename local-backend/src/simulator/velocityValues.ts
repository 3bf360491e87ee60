import { makeJavaArray, velocityValueClasses } from './appSyncSimulatorAdapter'

const { JavaMap, createMapProxy, JavaArray, JavaString, JavaInteger, JavaDecimal } = velocityValueClasses

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === null || proto === Object.prototype
}

/**
 * The simulator's value mapper (`velocity/value-mapper/mapper.js`: JSON to the Java-like values templates
 * see), giving the same classes with less work. The stock one copies an object once per key while building
 * it and gives every list a prototype of its own; on the create path that was a tenth of the backend's time
 * and much of its garbage.
 */
export function toVelocityValue(value: unknown, hint?: string): unknown {
  if (value instanceof JavaMap || value instanceof JavaArray) return value
  if (Array.isArray(value)) {
    return makeJavaArray(
      value.map((item) => toVelocityValue(item)),
      toVelocityValue,
    )
  }
  if (isPlainObject(value)) {
    const javaMap = new JavaMap({}, toVelocityValue)
    for (const key of Object.keys(value)) javaMap.map.set(key, toVelocityValue(value[key]))
    return createMapProxy(javaMap)
  }
  if (typeof value === 'string') return new JavaString(value)
  if (typeof value === 'number') {
    return hint === 'integer' || (hint !== 'decimal' && Math.trunc(value) === value)
      ? new JavaInteger(value)
      : new JavaDecimal(value)
  }
  return value
}
