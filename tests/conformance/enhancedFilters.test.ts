import { expect } from 'vitest'
import { call, docs, ok, receivedOf, rows, startRefusal, subscribeAs } from './support'

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
