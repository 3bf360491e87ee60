import { expect } from 'vitest'
import { call, docs, ok, receivedOf, rows, subscribeAs } from './support'

// projects/relations-indexes: Shop @hasMany Order through the byShop index (sort key placedAt), Order
// @belongsTo Shop, and a second index on Order with a composite sort key (status, placedAt).
const createShop = `mutation CreateShop($input: CreateShopInput!) { createShop(input: $input) { id name } }`
const createOrder = /* GraphQL */ `
  mutation CreateOrder($input: CreateOrderInput!) {
    createOrder(input: $input) {
      id
      shopID
      status
      placedAt
      total
    }
  }
`
const order = (id: string, shopID: string, status: string, day: number, total: number) => ({
  id,
  shopID,
  status,
  placedAt: `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`,
  total,
})
// Written out of date order, so sorting is the index's doing.
const orders = [
  order('o3', 'shop1', 'shipped', 3, 30),
  order('o1', 'shop1', 'placed', 1, 10),
  order('o5', 'shop1', 'shipped', 5, 50),
  order('o2', 'shop1', 'shipped', 2, 20),
  order('o4', 'shop1', 'cancelled', 4, 40),
  order('x1', 'shop2', 'shipped', 2, 99),
]
type Items = { items: { id: string }[]; nextToken?: string | null }
const ids = (page: Items) => page.items.map((item) => item.id)

rows(
  'relations-indexes: @hasMany / @belongsTo through an @index with a sort key, and a composite sort key',
  'relations-indexes',
  (get) => [
    {
      name: 'a shop reads its orders across the relation, ordered by the index sort key, with nested fields',
      mirrors:
        '@hasMany(indexName, fields) queries the related model on that index; results come in sort-key order',
      doc: docs.relations,
      run: async () => {
        const served = get()
        ok(await call(served, createShop, { input: { id: 'shop1', name: 'Corner' } }))
        ok(await call(served, createShop, { input: { id: 'shop2', name: 'Other' } }))
        for (const input of orders) ok(await call(served, createOrder, { input }))
        const shop = ok<{ name: string; orders: { items: { id: string; total: number }[] } }>(
          await call(
            served,
            `query GetShop($id: ID!) { getShop(id: $id) { name orders { items { id total } } } }`,
            { id: 'shop1' },
          ),
        )
        expect(shop.name).toBe('Corner')
        expect(shop.orders.items).toEqual([
          { id: 'o1', total: 10 },
          { id: 'o2', total: 20 },
          { id: 'o3', total: 30 },
          { id: 'o4', total: 40 },
          { id: 'o5', total: 50 },
        ])
      },
    },
    {
      name: 'an order reads its shop through @belongsTo, and back again to the shop orders (two levels)',
      mirrors: '@belongsTo(fields) resolves the parent by its primary key',
      doc: docs.belongsTo,
      run: async () => {
        const result = ok<{ shop: { name: string; orders: Items } }>(
          await call(
            get(),
            `query GetOrder($id: ID!) { getOrder(id: $id) { shop { name orders(limit: 2) { items { id } nextToken } } } }`,
            { id: 'x1' },
          ),
        )
        expect(result.shop.name).toBe('Other')
        expect(ids(result.shop.orders)).toEqual(['x1'])
      },
    },
    {
      name: 'the index query field takes a sort key condition (between) and a sort direction',
      mirrors: '@index queryField with sortKeyFields: a DynamoDB Query with a key condition on the sort key',
      doc: `${docs.index}; ${docs.keyConditions}`,
      run: async () => {
        const page = ok<Items>(
          await call(
            get(),
            /* GraphQL */ `
              query ByShop(
                $shopID: ID!
                $placedAt: ModelStringKeyConditionInput
                $sortDirection: ModelSortDirection
              ) {
                ordersByShop(shopID: $shopID, placedAt: $placedAt, sortDirection: $sortDirection) {
                  items {
                    id
                  }
                }
              }
            `,
            {
              shopID: 'shop1',
              placedAt: { between: ['2026-03-02T00:00:00.000Z', '2026-03-04T23:59:59.999Z'] },
              sortDirection: 'DESC',
            },
          ),
        )
        expect(ids(page)).toEqual(['o4', 'o3', 'o2'])
      },
    },
    {
      name: 'a composite sort key (status, placedAt) queried with beginsWith, between and eq',
      mirrors:
        'sortKeyFields with two fields make one composite sort key ("status#placedAt"); conditions take both parts, the last one optional for beginsWith',
      doc: `${docs.index}; ${docs.compositeSortKey}`,
      run: async () => {
        const byStatusDate = /* GraphQL */ `
          query ByShopStatusDate(
            $shopID: ID!
            $statusPlacedAt: ModelOrderByShopStatusDateCompositeKeyConditionInput
            $limit: Int
            $nextToken: String
          ) {
            ordersByShopStatusDate(
              shopID: $shopID
              statusPlacedAt: $statusPlacedAt
              limit: $limit
              nextToken: $nextToken
            ) {
              items {
                id
              }
              nextToken
            }
          }
        `
        const query = async (statusPlacedAt: object, more: object = {}) =>
          ok<Items>(await call(get(), byStatusDate, { shopID: 'shop1', statusPlacedAt, ...more }))
        expect(ids(await query({ beginsWith: { status: 'shipped' } }))).toEqual(['o2', 'o3', 'o5'])
        expect(
          ids(
            await query({
              between: [
                { status: 'shipped', placedAt: '2026-03-03T00:00:00.000Z' },
                { status: 'shipped', placedAt: '2026-03-09T00:00:00.000Z' },
              ],
            }),
          ),
        ).toEqual(['o3', 'o5'])
        expect(ids(await query({ eq: { status: 'placed', placedAt: '2026-03-01T10:00:00.000Z' } }))).toEqual([
          'o1',
        ])
        // Pages of an index query follow on with nextToken.
        const first = await query({ beginsWith: { status: 'shipped' } }, { limit: 2 })
        expect(ids(first)).toEqual(['o2', 'o3'])
        const second = await query(
          { beginsWith: { status: 'shipped' } },
          { limit: 2, nextToken: first.nextToken },
        )
        expect(ids(second)).toEqual(['o5'])
      },
    },
    {
      name: 'a relational field in a subscription is null when the mutation did not select it',
      mirrors:
        'subscribers receive the mutation response: fields the mutation did not select are null, relational fields too',
      doc: docs.subscriptionSelection,
      run: async () => {
        const served = get()
        const live = await subscribeAs<{ id: string; shop: { name: string } | null }>(
          served,
          'apiKey',
          'subscription OnCreateOrder { onCreateOrder { id shop { name } } }',
        )
        const [withoutShop, withShop] = await receivedOf(live, [
          {
            publish: () => call(served, createOrder, { input: order('s1', 'shop2', 'placed', 6, 1) }),
            expected: true,
          },
          {
            publish: () =>
              call(
                served,
                `mutation CreateOrder($input: CreateOrderInput!) { createOrder(input: $input) { id shop { name } } }`,
                { input: order('s2', 'shop2', 'placed', 7, 1) },
              ),
            expected: true,
          },
        ])
        expect(withShop).toEqual({ id: 's2', shop: { name: 'Other' } })
        expect(withoutShop).toEqual({ id: 's1', shop: null })
      },
    },
  ],
)
