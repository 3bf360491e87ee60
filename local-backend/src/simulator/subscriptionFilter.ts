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

/** Throws SubscriptionFilterLimitError when a filter set by a resolver or built from arguments is too big. */
export function checkSubscriptionFilterLimits(filter: SubscriptionFilter): void {
  const { groups, conditions, inValues, containsAnyValues } = SUBSCRIPTION_FILTER_LIMITS
  const filterGroup = Array.isArray(filter?.filterGroup) ? filter.filterGroup : []
  if (filterGroup.length > groups) tooManyGroups()
  for (const group of filterGroup) {
    const filters = Array.isArray(group?.filters) ? group.filters : []
    if (filters.length > conditions) tooManyConditions()
    for (const { operator, value } of filters) {
      const count = Array.isArray(value) ? value.length : 0
      if ((operator === 'in' || operator === 'notIn') && count > inValues) tooManyValues(operator, inValues)
      if (operator === 'containsAny' && count > containsAnyValues) tooManyValues(operator, containsAnyValues)
    }
  }
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
    group.filters.every((c) => matchesCondition(payload[c.fieldName], c)),
  )
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
      return typeof actual === 'string' && actual.startsWith(String(value))
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

// The v2 transformer stores owners as `<sub>::<username>` but returns and filters on the username.
function equals(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true
  if (typeof actual === 'string' && typeof expected === 'string' && actual.includes('::')) {
    return actual.split('::').includes(expected)
  }
  return false
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
