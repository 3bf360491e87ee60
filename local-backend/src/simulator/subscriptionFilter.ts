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

/** Turns a model subscription's `filter:` argument (and/or/not of field operators) into AppSync's form. */
export function toSubscriptionFilter(input: unknown): SubscriptionFilter {
  const groups = expand(input as Record<string, unknown>)
  return { filterGroup: groups.map((filters) => ({ filters })) }
}

// Returns the filter in disjunctive normal form: a list of AND-groups.
function expand(node: Record<string, unknown> | null | undefined): SubscriptionFilterCondition[][] {
  if (!node) return [[]]
  let groups: SubscriptionFilterCondition[][] = [[]]
  for (const [key, value] of Object.entries(node)) {
    if (value === null || value === undefined) continue
    let next: SubscriptionFilterCondition[][]
    if (key === 'and') {
      next = (value as Record<string, unknown>[]).reduce((acc, child) => product(acc, expand(child)), [
        [],
      ] as SubscriptionFilterCondition[][])
    } else if (key === 'or') {
      next = (value as Record<string, unknown>[]).flatMap((child) => expand(child))
    } else if (key === 'not') {
      throw new Error('The local backend does not support `not` in subscription filters')
    } else {
      next = [
        Object.entries(value as Record<string, unknown>).map(([operator, v]) => ({
          fieldName: key,
          operator,
          value: v,
        })),
      ]
    }
    groups = product(groups, next)
  }
  return groups
}

function product(a: SubscriptionFilterCondition[][], b: SubscriptionFilterCondition[][]) {
  return a.flatMap((x) => b.map((y) => [...x, ...y]))
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
