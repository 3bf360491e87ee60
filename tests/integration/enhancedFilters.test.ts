import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LocalBackend } from '../../local-backend/src/startLocalBackend'
import {
  checkSubscriptionFilterLimits,
  matchesSubscriptionFilter,
  type SubscriptionFilter,
} from '../../local-backend/src/simulator/subscriptionFilter'
import { configureAmplify } from '../../testkit/backend/amplifyClient'
import { subscribeAndWait } from '../../testkit/backend/amplifySubscription'
import { startFidelityBackend } from './fidelityFixture'

// AppSync's enhanced subscription filters on the fidelity fixture's API (tests/integration/fixtures/fidelity):
// a hand-written `$extensions.setSubscriptionFilter` and the transformer's `filter:` argument, each operator
// as AppSync's guide and `$extensions` reference document them.
const ENHANCED_FILTERING =
  'https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-enhanced-filtering.html'
const EXTENSIONS = 'https://docs.aws.amazon.com/appsync/latest/devguide/extensions.html'

let backend: LocalBackend
let amplify: ReturnType<typeof configureAmplify>

beforeAll(async () => {
  backend = await startFidelityBackend()
  amplify = configureAmplify(backend.config)
})
afterAll(() => backend?.stop())

interface Note {
  id: string
  title: string
  roomName?: string | null
  tag?: string | null
  priority?: number | null
  labels?: string[] | null
}
const noteFields = 'id title roomName tag priority labels'
const createNote = `mutation CreateNote($input: CreateNoteInput!) { createNote(input: $input) { ${noteFields} } }`
const createAlert = `mutation CreateAlert($input: CreateAlertInput!) { createAlert(input: $input) { id title level } }`

async function create(query: string, input: object) {
  await amplify.client.graphql({ query, variables: { input }, authMode: 'apiKey' } as never)
}

/**
 * Subscribes, creates `events` in order and returns the titles the subscriber received. The last event must
 * be one the subscriber should receive: delivery is in order, so once it has arrived every earlier event
 * has been decided.
 */
async function delivered(
  subscription: { query: string; variables?: Record<string, unknown> },
  mutation: string,
  events: { input: object; expected: boolean }[],
): Promise<string[]> {
  const live = await subscribeAndWait<{ title: string }>(amplify.client, {
    ...subscription,
    authMode: 'apiKey',
  })
  try {
    for (const { input } of events) await create(mutation, input)
    await live.waitFor(events.filter((e) => e.expected).length)
    expect(live.errors).toEqual([])
    return live.items.map((item) => item.title)
  } finally {
    live.unsubscribe()
  }
}

describe('a hand-written $extensions.setSubscriptionFilter', () => {
  it(`applies a map literal holding values set earlier, in every group (${ENHANCED_FILTERING})`, async () => {
    // resolvers/Subscription.onCreateAlert.preSubscribe.1.res.vtl: title beginsWith "urgent" and level
    // between 3 and 5, or title in ["fire", "flood"]. The stock conversion ended the subscription at the
    // first event with "Unsupported subscription filter operator".
    const titles = await delivered(
      { query: 'subscription OnCreateAlert { onCreateAlert { id title level } }' },
      createAlert,
      [
        { input: { title: 'urgent: low', level: 1 }, expected: false },
        { input: { title: 'calm', level: 4 }, expected: false },
        { input: { title: 'fire', level: 0 }, expected: true },
        { input: { title: 'floods', level: 0 }, expected: false },
        { input: { title: 'urgent: high', level: 4 }, expected: true },
      ],
    )
    expect(titles).toEqual(['fire', 'urgent: high'])
  })
})

// Each row: a `filter:` argument (the transformer turns it into an enhanced filter), the events created in
// order, and which ones the subscriber receives. Every row is scoped to its own room, which also exercises
// the implicit AND of a filter's fields.
const filterRows: { operator: string; filter: object; events: [Partial<Note>, boolean][] }[] = [
  {
    operator: 'eq',
    filter: { title: { eq: 'x' } },
    events: [
      [{ title: 'x::y' }, false],
      [{ title: 'x' }, true],
    ],
  },
  {
    operator: 'ne',
    filter: { tag: { ne: 'a' } },
    events: [
      [{ title: '1', tag: 'a' }, false],
      [{ title: '2', tag: 'b' }, true],
    ],
  },
  {
    operator: 'le',
    filter: { priority: { le: 3 } },
    events: [
      [{ title: '4', priority: 4 }, false],
      [{ title: '3', priority: 3 }, true],
    ],
  },
  {
    operator: 'lt',
    filter: { priority: { lt: 3 } },
    events: [
      [{ title: '3', priority: 3 }, false],
      [{ title: '2', priority: 2 }, true],
    ],
  },
  {
    operator: 'ge',
    filter: { priority: { ge: 3 } },
    events: [
      [{ title: '2', priority: 2 }, false],
      [{ title: '3', priority: 3 }, true],
    ],
  },
  {
    operator: 'gt',
    filter: { priority: { gt: 3 } },
    events: [
      [{ title: '3', priority: 3 }, false],
      [{ title: '4', priority: 4 }, true],
    ],
  },
  {
    operator: 'contains (string)',
    filter: { title: { contains: 'ell' } },
    events: [
      [{ title: 'halo' }, false],
      [{ title: 'hello' }, true],
    ],
  },
  {
    operator: 'contains (list)',
    filter: { labels: { contains: 'red' } },
    events: [
      [{ title: 'blue', labels: ['blue'] }, false],
      [{ title: 'both', labels: ['blue', 'red'] }, true],
    ],
  },
  {
    operator: 'notContains',
    filter: { title: { notContains: 'spam' } },
    events: [
      [{ title: 'spam!' }, false],
      [{ title: 'ham' }, true],
    ],
  },
  {
    operator: 'beginsWith',
    filter: { title: { beginsWith: 'urgent' } },
    events: [
      [{ title: 'not urgent' }, false],
      [{ title: 'urgent: x' }, true],
    ],
  },
  {
    operator: 'in',
    filter: { tag: { in: ['a', 'b'] } },
    events: [
      [{ title: 'c', tag: 'c' }, false],
      [{ title: 'b', tag: 'b' }, true],
    ],
  },
  {
    operator: 'notIn',
    filter: { tag: { notIn: ['a', 'b'] } },
    events: [
      [{ title: 'a', tag: 'a' }, false],
      [{ title: 'c', tag: 'c' }, true],
    ],
  },
  {
    operator: 'between',
    filter: { priority: { between: [2, 4] } },
    events: [
      [{ title: '5', priority: 5 }, false],
      [{ title: '1', priority: 1 }, false],
      [{ title: '4', priority: 4 }, true],
    ],
  },
  {
    operator: 'or',
    filter: { or: [{ tag: { eq: 'a' } }, { priority: { gt: 10 } }] },
    events: [
      [{ title: 'b1', tag: 'b', priority: 1 }, false],
      [{ title: 'a1', tag: 'a', priority: 1 }, true],
      [{ title: 'b11', tag: 'b', priority: 11 }, true],
    ],
  },
]

describe(`the filter: argument, operator by operator (${ENHANCED_FILTERING})`, () => {
  it.each(filterRows)('$operator', async ({ operator, filter, events }) => {
    const roomName = `filter-${operator}`
    const titles = await delivered(
      {
        query: `subscription OnCreateNote($filter: ModelSubscriptionNoteFilterInput) { onCreateNote(filter: $filter) { ${noteFields} } }`,
        variables: { filter: { and: [{ roomName: { eq: roomName } }, filter] } },
      },
      createNote,
      events.map(([note, expected]) => ({ input: { roomName, ...note }, expected })),
    )
    expect(titles).toEqual(events.filter(([, expected]) => expected).map(([note]) => note.title))
  })
})

describe('equality means equal: `::` is not special (AppSync compares values as they are)', () => {
  it('a subscription argument "x" does not receive "x::y" (https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html)', async () => {
    const titles = await delivered(
      {
        query: `subscription OnCreateNoteByRoom($roomName: String) { onCreateNoteByRoom(roomName: $roomName) { ${noteFields} } }`,
        variables: { roomName: 'x' },
      },
      createNote,
      [
        { input: { title: 'other room', roomName: 'x::y' }, expected: false },
        { input: { title: 'its room', roomName: 'x' }, expected: true },
      ],
    )
    expect(titles).toEqual(['its room'])
  })
})

describe(`a filter AppSync would not accept is refused when the subscription starts (${EXTENSIONS})`, () => {
  const condition = (operator: string, value: unknown) => ({
    filterGroup: [{ filters: [{ fieldName: 'title', operator, value }] }],
  })
  it.each([
    ['an unknown operator', condition('startsWith', 'x'), 'Unsupported subscription filter operator'],
    ['in without a list', condition('in', 'x'), 'needs a list'],
    ['between without two bounds', condition('between', [1]), 'needs two values'],
    ['six values for in', condition('in', [1, 2, 3, 4, 5, 6]), 'maximum value limit 5'],
    [
      '21 values for containsAny',
      condition(
        'containsAny',
        Array.from({ length: 21 }, (_, i) => i),
      ),
      'maximum value limit 20',
    ],
    [
      '11 filter groups',
      { filterGroup: Array.from({ length: 11 }, () => condition('eq', 1).filterGroup[0]) },
      'Filters combination exceed maximum limit 10',
    ],
    [
      '6 conditions in a group',
      {
        filterGroup: [
          { filters: Array.from({ length: 6 }, () => condition('eq', 1).filterGroup[0].filters[0]) },
        ],
      },
      'Filters exceed maximum attributes limit 5',
    ],
    ['a string instead of a map', 'filterGroup', 'needs a map'],
  ])('%s', (_name, filter, message) => {
    expect(() => checkSubscriptionFilterLimits(filter as unknown as SubscriptionFilter)).toThrow(message)
  })

  it('accepts 10 groups of 5 conditions, 5 values for in and 20 for containsAny', () => {
    const filters = [
      { fieldName: 'a', operator: 'in', value: [1, 2, 3, 4, 5] },
      { fieldName: 'b', operator: 'containsAny', value: Array.from({ length: 20 }, (_, i) => i) },
      { fieldName: 'c', operator: 'between', value: [1, 2] },
      { fieldName: 'd', operator: 'attributeExists', value: true },
      { fieldName: 'e', operator: 'notContains', value: 'x' },
    ]
    expect(() =>
      checkSubscriptionFilterLimits({ filterGroup: Array.from({ length: 10 }, () => ({ filters })) }),
    ).not.toThrow()
  })
})

describe(`operators the filter: argument cannot express (${EXTENSIONS})`, () => {
  const matches = (payload: Record<string, unknown>, fieldName: string, operator: string, value: unknown) =>
    matchesSubscriptionFilter(payload, { filterGroup: [{ filters: [{ fieldName, operator, value }] }] })
  it('containsAny: a list field holding any of the values', () => {
    expect(matches({ labels: ['a', 'b'] }, 'labels', 'containsAny', ['c', 'b'])).toBe(true)
    expect(matches({ labels: ['a'] }, 'labels', 'containsAny', ['c', 'b'])).toBe(false)
  })
  it('attributeExists: the field is present and not null (or absent, for false)', () => {
    expect(matches({ tag: 'x' }, 'tag', 'attributeExists', true)).toBe(true)
    expect(matches({ tag: null }, 'tag', 'attributeExists', true)).toBe(false)
    expect(matches({}, 'tag', 'attributeExists', false)).toBe(true)
  })
  it('a dotted field name reaches a nested field', () => {
    expect(matches({ author: { name: 'ann' } }, 'author.name', 'beginsWith', 'an')).toBe(true)
    expect(matches({ author: null }, 'author.name', 'beginsWith', 'an')).toBe(false)
  })
})
