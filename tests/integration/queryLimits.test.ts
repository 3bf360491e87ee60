// The local backend enforces AppSync's queryDepthLimit and resolverCountLimit with the values the Gen 1
// project deploys (local-backend/src/simulator/queryLimits.ts). The hostile-input table checks the refusals
// end to end; this checks how the values are read and how an operation is measured.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildSchema, parse } from 'graphql'
import { afterAll, expect, it } from 'vitest'
import {
  DEFAULT_QUERY_LIMITS,
  operationCost,
  readQueryLimits,
} from '../../local-backend/src/simulator/queryLimits'

const dirs: string[] = []
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))
const apiDirWith = async (override?: string, limitsJson?: unknown) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'query-limits-'))
  dirs.push(dir)
  if (override !== undefined) await writeFile(path.join(dir, 'override.ts'), override)
  if (limitsJson !== undefined) await writeFile(path.join(dir, 'limits.json'), JSON.stringify(limitsJson))
  return dir
}

it('reads the limits from the limits.json that override.ts applies to the AppSync API', async () => {
  const override = 'resources.api.GraphQLAPI.queryDepthLimit = limits.queryDepthLimit'
  expect(
    await readQueryLimits(
      await apiDirWith(override, { queryDepthLimit: 15, resolverCountLimit: 1000, other: 1 }),
    ),
  ).toEqual({ queryDepthLimit: 15, resolverCountLimit: 1000 })
})

it.each([
  [
    'an assignment',
    'resources.api.GraphQLAPI.queryDepthLimit = 12\nresources.api.GraphQLAPI.resolverCountLimit = 40',
  ],
  ['an object', 'Object.assign(api, { queryDepthLimit: 12, resolverCountLimit: 40 })'],
  [
    'property overrides',
    "api.addPropertyOverride('QueryDepthLimit', 12)\napi.addPropertyOverride('ResolverCountLimit', 40)",
  ],
])('reads the limits from an override.ts that sets them by %s', async (_how, source) => {
  expect(await readQueryLimits(await apiDirWith(source))).toEqual({
    queryDepthLimit: 12,
    resolverCountLimit: 40,
  })
})

it('falls back to AppSync-valid defaults when the project sets none', async () => {
  expect(await readQueryLimits(await apiDirWith())).toEqual(DEFAULT_QUERY_LIMITS)
  expect(await readQueryLimits(await apiDirWith('export function override() {}'))).toEqual(
    DEFAULT_QUERY_LIMITS,
  )
  expect(DEFAULT_QUERY_LIMITS.queryDepthLimit).toBeGreaterThanOrEqual(1)
  expect(DEFAULT_QUERY_LIMITS.queryDepthLimit).toBeLessThanOrEqual(75)
  expect(DEFAULT_QUERY_LIMITS.resolverCountLimit).toBeGreaterThanOrEqual(1)
  expect(DEFAULT_QUERY_LIMITS.resolverCountLimit).toBeLessThanOrEqual(10_000)
})

const schema = buildSchema(`
  type Item { id: ID, child: Item }
  type Page { items: [Item], next: String }
  type Query { list: Page, get(id: ID): Item }
`)
const resolvers = new Set(['Query.list', 'Query.get', 'Item.child'])
const cost = (query: string, operationName?: string) =>
  operationCost(parse(query), operationName, schema, (type, field) => resolvers.has(`${type}.${field}`))

it('measures depth and resolver fields, aliases and fragments included', () => {
  expect(cost('{ list { items { id } next } }')).toEqual({ depth: 3, resolvers: 1 })
  expect(cost('{ a: list { next } b: list { next } c: get(id: 1) { id } }')).toEqual({
    depth: 2,
    resolvers: 3,
  })
  expect(cost('{ get(id: 1) { child { child { id } } } }')).toEqual({ depth: 4, resolvers: 3 })
  expect(cost('{ ...F } fragment F on Query { a: list { next } b: list { next } }')).toEqual({
    depth: 2,
    resolvers: 2,
  })
  expect(cost('query A { list { next } } query B { get(id: 1) { id } a: get(id: 2) { id } }', 'B')).toEqual({
    depth: 2,
    resolvers: 2,
  })
})

it('measures fragments that spread each other many times in time linear in the document', () => {
  // 30 levels of fragments, each spreading the next twice: 2^30 fields once expanded.
  const levels = 30
  const fragments = Array.from({ length: levels }, (_, i) =>
    i === levels - 1
      ? `fragment F${i} on Query { list { next } }`
      : `fragment F${i} on Query { ...F${i + 1} x: list { ...P${i} } } fragment P${i} on Page { next }`,
  )
  const twice = fragments.map((f, i) =>
    i < levels - 1 ? f.replace(`...F${i + 1}`, `...F${i + 1} ...F${i + 1}`) : f,
  )
  const measured = cost(`{ ...F0 } ${twice.join(' ')}`)
  expect(measured.resolvers).toBeGreaterThan(2 ** 29)
  expect(measured.depth).toBe(2)
})

it('does not loop on fragment cycles (validation refuses them afterwards)', () => {
  expect(cost('{ ...A } fragment A on Query { list { next } ...B } fragment B on Query { ...A }')).toEqual({
    depth: 2,
    resolvers: 1,
  })
})
