/**
 * AppSync's enhanced subscription filters, evaluated locally. A filter is an OR of groups; a group is an
 * AND of field conditions (https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-enhanced-filtering.html).
 */
export interface SubscriptionFilterCondition {
  fieldName: string
  operator: string
  value?: unknown
}
export interface SubscriptionFilter {
  filterGroup: { filters: SubscriptionFilterCondition[] }[]
}

type Payload = Record<string, unknown>

/**
 * AppSync's limits on enhanced subscription filters: at most 10 filter groups (`filterGroup` entries, the
 * OR-ed alternatives), 5 conditions in each, 5 values for `in`/`notIn` and 20 for `containsAny`. They also
 * bound the work a subscriber can ask for: a wide `or` in a model subscription's `filter:` argument is refused
 * while it is converted, long before it could grow.
 */
export const SUBSCRIPTION_FILTER_LIMITS = { groups: 10, conditions: 5, inValues: 5, containsAnyValues: 20 }

/** A filter beyond AppSync's limits; the message is AppSync's wording. */
export class SubscriptionFilterLimitError extends Error {
  override name = 'SubscriptionFilterLimitError'
}

/** Turns a model subscription's `filter:` argument (and/or/not of field operators) into AppSync's form. */
export function toSubscriptionFilter(input: unknown): SubscriptionFilter {
  const filter = { filterGroup: expand(input as Record<string, unknown>).map((filters) => ({ filters })) }
  checkSubscriptionFilterLimits(filter)
  return filter
}

/**
 * The operators of AppSync's enhanced filters (the `$extensions` reference lists them:
 * https://docs.aws.amazon.com/appsync/latest/devguide/extensions.html), and `attributeExists`, which the
 * transformer's `filter:` inputs do not produce but hand-written filters may use.
 */
export const SUBSCRIPTION_FILTER_OPERATORS: ReadonlySet<string> = new Set([
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'containsAny',
  'attributeExists',
])
const LIST_OPERATORS = new Set(['in', 'notIn', 'between', 'containsAny'])

/** A filter not in AppSync's form; the subscription fails to start with the message. */
export class SubscriptionFilterError extends Error {
  override name = 'SubscriptionFilterError'
}

/**
 * Throws when a filter set by a resolver or built from arguments is too big (SubscriptionFilterLimitError),
 * or is not a filter AppSync would accept: an unknown operator, a field name that is not a string, a list
 * operator without a list, `between` without two bounds. Checked when the subscription starts, so a bad
 * filter is refused at once rather than ending the subscription at its first event.
 */
export function checkSubscriptionFilterLimits(filter: SubscriptionFilter): void {
  const { groups, conditions, inValues, containsAnyValues } = SUBSCRIPTION_FILTER_LIMITS
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
    throw new SubscriptionFilterError('setSubscriptionFilter needs a map: { "filterGroup": [...] }')
  }
  if (filter.filterGroup !== undefined && !Array.isArray(filter.filterGroup)) {
    throw new SubscriptionFilterError("A subscription filter's filterGroup must be a list")
  }
  const filterGroup = filter.filterGroup ?? []
  if (filterGroup.length > groups) tooManyGroups()
  for (const group of filterGroup) {
    const filters = Array.isArray(group?.filters) ? group.filters : []
    if (filters.length > conditions) tooManyConditions()
    for (const { fieldName, operator, value } of filters) {
      if (typeof fieldName !== 'string' || fieldName === '') {
        throw new SubscriptionFilterError('A subscription filter condition needs a fieldName')
      }
      if (typeof operator !== 'string' || !SUBSCRIPTION_FILTER_OPERATORS.has(operator)) {
        throw new SubscriptionFilterError(`Unsupported subscription filter operator: ${String(operator)}`)
      }
      if (LIST_OPERATORS.has(operator) && !Array.isArray(value)) {
        throw new SubscriptionFilterError(`The subscription filter operator ${operator} needs a list`)
      }
      if (operator === 'between' && (value as unknown[]).length !== 2) {
        throw new SubscriptionFilterError('The subscription filter operator between needs two values')
      }
      const count = Array.isArray(value) ? value.length : 0
      if ((operator === 'in' || operator === 'notIn') && count > inValues) tooManyValues(operator, inValues)
      if (operator === 'containsAny' && count > containsAnyValues) tooManyValues(operator, containsAnyValues)
    }
  }
}

/**
 * A template value as plain JSON, all the way down: the simulator's Java-like maps, lists, strings and
 * numbers, also where a map literal written in the template holds values set earlier (the stock conversion
 * stopped at the first plain level, so `"operator": $op` stayed a Java string and matched no operator).
 */
export function toPlainValue(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value
  if (depth > 32) throw new SubscriptionFilterError('The subscription filter is nested too deeply')
  if (Array.isArray(value)) return Array.from(value, (item) => toPlainValue(item, depth + 1))
  const toJSON = (value as { toJSON?: unknown }).toJSON
  if (typeof toJSON === 'function') {
    const json: unknown = toJSON.call(value)
    if (json !== value) return toPlainValue(json, depth + 1)
  }
  const plain: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    // The template engine leaves helper functions on objects it called methods of.
    if (typeof item !== 'function') plain[key] = toPlainValue(item, depth + 1)
  }
  return plain
}

const tooManyGroups = (): never => {
  throw new SubscriptionFilterLimitError(
    `Filters combination exceed maximum limit ${SUBSCRIPTION_FILTER_LIMITS.groups} for subscription.`,
  )
}
const tooManyConditions = (): never => {
  throw new SubscriptionFilterLimitError(
    `Filters exceed maximum attributes limit ${SUBSCRIPTION_FILTER_LIMITS.conditions} for subscription.`,
  )
}
const tooManyValues = (operator: string, limit: number): never => {
  throw new SubscriptionFilterLimitError(
    `subscription exceeds maximum value limit ${limit} for operator \`${operator}\`.`,
  )
}

// Returns the filter in disjunctive normal form: a list of AND-groups. Every intermediate result is kept
// within the limits, so the work stays small whatever the width or nesting of the input.
function expand(
  node: Record<string, unknown> | null | undefined,
  depth = 0,
): SubscriptionFilterCondition[][] {
  if (!node) return [[]]
  if (typeof node !== 'object' || depth > 10) tooManyConditions()
  let groups: SubscriptionFilterCondition[][] = [[]]
  for (const [key, value] of Object.entries(node)) {
    if (value === null || value === undefined) continue
    let next: SubscriptionFilterCondition[][]
    if (key === 'and') {
      next = [[]]
      for (const child of value as Record<string, unknown>[]) next = product(next, expand(child, depth + 1))
    } else if (key === 'or') {
      next = []
      for (const child of value as Record<string, unknown>[]) {
        next.push(...expand(child, depth + 1))
        if (next.length > SUBSCRIPTION_FILTER_LIMITS.groups) tooManyGroups()
      }
    } else if (key === 'not') {
      throw new Error('The local backend does not support `not` in subscription filters')
    } else {
      const operators = Object.entries(value as Record<string, unknown>)
      if (operators.length > SUBSCRIPTION_FILTER_LIMITS.conditions) tooManyConditions()
      next = [operators.map(([operator, v]) => ({ fieldName: key, operator, value: v }))]
    }
    groups = product(groups, next)
  }
  return groups
}

function product(a: SubscriptionFilterCondition[][], b: SubscriptionFilterCondition[][]) {
  if (a.length * b.length > SUBSCRIPTION_FILTER_LIMITS.groups) tooManyGroups()
  const groups = a.flatMap((x) => b.map((y) => [...x, ...y]))
  if (groups.some((group) => group.length > SUBSCRIPTION_FILTER_LIMITS.conditions)) tooManyConditions()
  return groups
}

export function matchesSubscriptionFilter(payload: Payload, filter: SubscriptionFilter): boolean {
  if (!filter.filterGroup?.length) return true
  return filter.filterGroup.some((group) =>
    group.filters.every((c) => matchesCondition(fieldValue(payload, c.fieldName), c)),
  )
}

// A field of the payload; a dotted name reaches into nested objects (`author.name`), as AppSync's filters do.
function fieldValue(payload: Payload, fieldName: string): unknown {
  if (!fieldName.includes('.')) return payload[fieldName]
  let value: unknown = payload
  for (const part of fieldName.split('.')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Payload)[part]
  }
  return value
}

function matchesCondition(actual: unknown, { operator, value }: SubscriptionFilterCondition): boolean {
  switch (operator) {
    case 'eq':
      return equals(actual, value)
    case 'ne':
      return !equals(actual, value)
    case 'gt':
      return compare(actual, value) > 0
    case 'ge':
      return compare(actual, value) >= 0
    case 'lt':
      return compare(actual, value) < 0
    case 'le':
      return compare(actual, value) <= 0
    case 'between': {
      const [low, high] = value as unknown[]
      return compare(actual, low) >= 0 && compare(actual, high) <= 0
    }
    case 'beginsWith':
      return typeof actual === 'string' && typeof value === 'string' && actual.startsWith(value)
    case 'contains':
      return Array.isArray(actual)
        ? actual.some((a) => equals(a, value))
        : String(actual ?? '').includes(String(value))
    case 'notContains':
      return !(Array.isArray(actual)
        ? actual.some((a) => equals(a, value))
        : String(actual ?? '').includes(String(value)))
    case 'in':
      return (value as unknown[]).some((v) => equals(actual, v))
    case 'notIn':
      return !(value as unknown[]).some((v) => equals(actual, v))
    case 'containsAny':
      return Array.isArray(actual) && (value as unknown[]).some((v) => actual.some((a) => equals(a, v)))
    case 'attributeExists':
      return (actual !== undefined && actual !== null) === Boolean(value)
    default:
      throw new Error(`Unsupported subscription filter operator: ${operator}`)
  }
}

// Plain equality, as on AppSync: `::` means nothing. The v2 transformer stores owners as `<sub>::<username>`
// and filters owner subscriptions on the username, which matches because subscribers see the mutation's
// response, where the owner field's resolver has already returned the username (./subscriptionPayloads.ts).
function equals(actual: unknown, expected: unknown): boolean {
  return actual === expected
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b))
}

/**
 * AppSync matches a subscription's arguments against the same-named fields of the mutation's result;
 * arguments left null do not filter. Arguments that are not fields of the result (`filter`) are ignored.
 */
export function matchesSubscriptionArguments(
  payload: Payload,
  args: Record<string, unknown>,
  resultFieldNames: ReadonlySet<string>,
): boolean {
  return Object.entries(args).every(
    ([name, value]) =>
      value === null || value === undefined || !resultFieldNames.has(name) || equals(payload[name], value),
  )
}
