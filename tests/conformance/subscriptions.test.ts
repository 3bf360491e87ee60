import { expect } from 'vitest'
import { call, docs, receivedOf, rows, subscribeAs, ok, startRefusal } from './support'

// Custom subscriptions: arguments, and enhanced filters set by resolvers in a custom stack.

// projects/subscription-arguments: onMessage(room, author) @aws_subscribe(mutations: ["createMessage"]).
const createMessage = /* GraphQL */ `
  mutation CreateMessage($input: CreateMessageInput!) {
    createMessage(input: $input) {
      id
      room
      author
      body
    }
  }
`
// A mutation that forgets `author`: subscribers filtering on it cannot match (AppSync matches arguments
// against the mutation's response).
const createMessageWithoutAuthor = /* GraphQL */ `
  mutation CreateMessageWithoutAuthor($input: CreateMessageInput!) {
    createMessage(input: $input) {
      id
      room
      body
    }
  }
`
const onMessage = /* GraphQL */ `
  subscription OnMessage($room: String, $author: String) {
    onMessage(room: $room, author: $author) {
      id
      room
      author
      body
    }
  }
`
interface Message {
  id: string
  room: string
  author: string | null
  body: string
}

rows('subscription-arguments: a custom subscription with two arguments', 'subscription-arguments', (get) => {
  const send =
    (id: string, room: string, author: string, mutation = createMessage) =>
    () =>
      call(get(), mutation, { input: { id, room, author, body: id } })
  const ids = (items: Message[]) => items.map((m) => m.id)
  return [
    {
      name: 'with both arguments, only messages matching both arrive',
      mirrors:
        'subscription arguments are equality filters on the response fields of the same name, all of them',
      doc: docs.subscribeArguments,
      run: async () => {
        const live = await subscribeAs<Message>(get(), 'apiKey', onMessage, { room: 'r1', author: 'ann' })
        const items = await receivedOf(live, [
          { publish: send('a1', 'r2', 'ann'), expected: false },
          { publish: send('a2', 'r1', 'bob'), expected: false },
          { publish: send('a3', 'r1', 'ann'), expected: true },
        ])
        expect(items).toEqual([{ id: 'a3', room: 'r1', author: 'ann', body: 'a3' }])
      },
    },
    {
      name: 'an argument left out or given as null does not filter',
      mirrors: 'a null subscription argument matches any value of its field',
      doc: docs.subscribeArguments,
      run: async () => {
        const roomOnly = await subscribeAs<Message>(get(), 'apiKey', onMessage, { room: 'r1', author: null })
        const byRoom = await receivedOf(roomOnly, [
          { publish: send('b1', 'r2', 'ann'), expected: false },
          { publish: send('b2', 'r1', 'bob'), expected: true },
          { publish: send('b3', 'r1', 'ann'), expected: true },
        ])
        expect(ids(byRoom)).toEqual(['b2', 'b3'])
        const everything = await subscribeAs<Message>(get(), 'apiKey', onMessage)
        expect(
          ids(
            await receivedOf(everything, [
              { publish: send('b4', 'r2', 'ann'), expected: true },
              { publish: send('b5', 'r3', 'cy'), expected: true },
            ]),
          ),
        ).toEqual(['b4', 'b5'])
      },
    },
    {
      name: 'an argument on a field the mutation did not select matches nothing; a subscriber selecting that non-null field gets the event as null',
      mirrors:
        'subscribers receive the mutation selection set, and arguments match only fields in it; a non-null field missing from it fails the event ("Cannot return null for non-nullable type", amplify-cli #5542)',
      doc: docs.subscriptionSelection,
      run: async () => {
        const byAuthor = await subscribeAs<Message>(get(), 'apiKey', onMessage, { room: 'r1', author: 'ann' })
        const byRoom = await subscribeAs<Message>(get(), 'apiKey', onMessage, { room: 'r1' })
        const withoutAuthor = await subscribeAs<Message>(
          get(),
          'apiKey',
          'subscription OnMessageWithoutAuthor($room: String) { onMessage(room: $room) { id room body } }',
          { room: 'r1' },
        )
        const [forRoom, forAuthor, forRoomWithoutAuthor] = await Promise.all([
          receivedOf(byRoom, [
            { publish: send('c1', 'r1', 'ann', createMessageWithoutAuthor), expected: true },
            { publish: send('c2', 'r1', 'ann'), expected: true },
          ]),
          byAuthor.waitFor(1).finally(() => byAuthor.unsubscribe()),
          withoutAuthor.waitFor(2).finally(() => withoutAuthor.unsubscribe()),
        ])
        expect(forRoom).toEqual([null, { id: 'c2', room: 'r1', author: 'ann', body: 'c2' }])
        expect(forRoomWithoutAuthor).toEqual([
          { id: 'c1', room: 'r1', body: 'c1' },
          { id: 'c2', room: 'r1', body: 'c2' },
        ])
        // c1 was published first; the author subscriber's first message is c2.
        expect(ids(forAuthor)).toEqual(['c2'])
      },
    },
  ]
})

// projects/none-enhanced-filters: `record` resolves on a NONE data source declared in stacks/, and each
// subscription's resolver (also in stacks/) sets an enhanced filter with $extensions.setSubscriptionFilter.
interface Reading {
  sensor: string
  site?: string | null
  value: number
  tags?: string[] | null
  note?: string | null
}
const fields = 'sensor site value tags note'
const record = /* GraphQL */ `
  mutation Record($sensor: String!, $site: String, $value: Int!, $tags: [String], $note: String) {
    record(sensor: $sensor, site: $site, value: $value, tags: $tags, note: $note) {
      ${fields}
    }
  }
`
const filterDocs = `${docs.extensions}; ${docs.enhancedFiltering}`

rows(
  'none-enhanced-filters: a NONE data source and enhanced subscription filters in stacks/',
  'none-enhanced-filters',
  (get) => {
    /** What the subscriber to `field` receives of `readings` (the last must be one it receives). */
    const received = async (field: string, readings: (Reading & { expected: boolean })[]) => {
      const live = await subscribeAs<Reading>(get(), 'apiKey', `subscription S { ${field} { ${fields} } }`)
      const items = await receivedOf(
        live,
        readings.map(({ expected, ...reading }) => ({
          publish: async () => ok(await call(get(), record, { ...reading })),
          expected,
        })),
      )
      return items.map((r) => `${r.sensor}:${r.value}`)
    }
    const row = (name: string, field: string, readings: (Reading & { expected: boolean })[]) => ({
      name,
      mirrors: `$extensions.setSubscriptionFilter in the subscription resolver of ${field}: conditions of a filter all hold, operators as AppSync documents them`,
      doc: filterDocs,
      run: async () => {
        expect(await received(field, readings)).toEqual(
          readings.filter((r) => r.expected).map((r) => `${r.sensor}:${r.value}`),
        )
      },
    })
    return [
      {
        name: 'a query and a mutation resolve on the NONE data source declared in the custom stack',
        mirrors: 'AppSync local resolvers: a NONE data source returns the request payload',
        doc: docs.noneDataSource,
        run: async () => {
          expect(
            ok(await call(get(), 'query Echo($text: String!) { echo(text: $text) }', { text: 'hi' })),
          ).toBe('hi')
          expect(ok(await call(get(), record, { sensor: 's1', value: 1, tags: ['x'] }))).toEqual({
            sensor: 's1',
            site: null,
            value: 1,
            tags: ['x'],
            note: null,
          })
        },
      },
      row('eq and ne', 'onEqNe', [
        { sensor: 's2', site: 'north', value: 1, expected: false },
        { sensor: 's1', site: 'lab', value: 2, expected: false },
        { sensor: 's1', site: 'north', value: 3, expected: true },
      ]),
      row('in and notIn', 'onInNotIn', [
        { sensor: 's1', site: 'east', value: 1, expected: false },
        { sensor: 's9', site: 'north', value: 2, expected: false },
        { sensor: 's1', site: 'south', value: 3, expected: true },
        { sensor: 's2', site: 'north', value: 4, expected: true },
      ]),
      row('contains on a list, notContains on a string', 'onContains', [
        { sensor: 's1', tags: ['blue'], note: 'ok', value: 1, expected: false },
        { sensor: 's1', tags: ['red'], note: 'a test run', value: 2, expected: false },
        { sensor: 's1', tags: ['red', 'blue'], note: 'fine', value: 3, expected: true },
        { sensor: 's1', tags: ['red'], value: 4, expected: true },
      ]),
      row('beginsWith, and between with its bounds included', 'onBeginsWithBetween', [
        { sensor: 'hum-1', value: 15, expected: false },
        { sensor: 'temp-1', value: 21, expected: false },
        { sensor: 'temp-1', value: 9, expected: false },
        { sensor: 'temp-1', value: 10, expected: true },
        { sensor: 'temp-2', value: 20, expected: true },
      ]),
      row('gt and le at their bounds', 'onGtLe', [
        { sensor: 's1', value: 10, expected: false },
        { sensor: 's1', value: 21, expected: false },
        { sensor: 's1', value: 11, expected: true },
        { sensor: 's1', value: 20, expected: true },
      ]),
      row('ge and lt at their bounds', 'onGeLt', [
        { sensor: 's1', value: 9, expected: false },
        { sensor: 's1', value: 20, expected: false },
        { sensor: 's1', value: 10, expected: true },
        { sensor: 's1', value: 19, expected: true },
      ]),
      {
        ...row('two filters in the filter group: either one lets an event through (OR)', 'onEither', [
          { sensor: 'b', value: 50, expected: false },
          { sensor: 'a', value: 1, expected: true },
          { sensor: 'b', value: 91, expected: true },
          { sensor: 'a', value: 95, expected: true },
        ]),
        mirrors: 'filters of a filterGroup are combined with OR, conditions within a filter with AND',
      },
      {
        name: 'a filter with an operator AppSync does not have is refused when the subscription starts',
        mirrors:
          'AppSync validates the filter set by the subscription resolver and answers the start with an error',
        doc: filterDocs,
        run: async () => {
          expect(
            await startRefusal(get(), 'apiKey', `subscription S { onUnknownOperator { ${fields} } }`),
          ).toMatch(/startsWith/)
        },
      },
    ]
  },
)
