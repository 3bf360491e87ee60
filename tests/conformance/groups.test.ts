import { expect } from 'vitest'
import type { TestUser } from '../../testkit/backend/cognitoUsers'
import {
  callAs,
  docs,
  ok,
  receivedOf,
  refused,
  rows,
  startRefusal,
  subscribeAs,
  userIn,
  type GraphqlResult,
  type Served,
} from './support'

// projects/groups-static-dynamic: static group rules (Salary: Admins only; Article: Editors read and update)
// and dynamic ones (Memo: the one group named in `group`; Board: every group in `groups`), with the groups of
// auth/userPoolGroups made in the local pool and members added with AdminAddUserToGroup.
interface Users {
  admin: TestUser
  editor: TestUser
  red: TestUser
  blue: TestUser
  green: TestUser
  nobody: TestUser
  /** In six groups: more than a single-group dynamic subscription filter may hold. */
  many: TestUser
}

const mutation = (name: string, input: string, fields: string) =>
  `mutation M($input: ${input}!) { ${name}(input: $input) { ${fields} } }`
const ops = (model: string, fields: string) => ({
  create: mutation(`create${model}`, `Create${model}Input`, fields),
  update: mutation(`update${model}`, `Update${model}Input`, fields),
  delete: mutation(`delete${model}`, `Delete${model}Input`, 'id'),
  get: `query G($id: ID!) { get${model}(id: $id) { ${fields} } }`,
  list: `query L { list${model}s { items { id } } }`,
  onCreate: `subscription OnCreate${model} { onCreate${model} { ${fields} } }`,
})
const salary = { ...ops('Salary', 'id wage'), list: 'query L { listSalaries { items { id } } }' }
const article = ops('Article', 'id title')
const memo = ops('Memo', 'id text group')
const board = ops('Board', 'id name groups')

type Ops = ReturnType<typeof ops>
/** Every operation of a model as `user`, on item `id`: which ones were allowed. */
async function allowedOps(served: Served, user: TestUser, model: Ops, id: string, input: object) {
  const outcome = async (call: Promise<GraphqlResult>) => {
    const result = await call
    if (!result.errors) return true
    refused(result)
    return false
  }
  return {
    create: await outcome(callAs(served, user, model.create, { input: { id, ...input } })),
    get: await outcome(callAs(served, user, model.get, { id })),
    update: await outcome(callAs(served, user, model.update, { input: { id, ...input } })),
    delete: await outcome(callAs(served, user, model.delete, { input: { id } })),
  }
}
const all = { create: true, get: true, update: true, delete: true }
const none = { create: false, get: false, update: false, delete: false }

rows<Users>(
  'groups-static-dynamic: static groups and dynamic groupsField rules (String and [String]), groups from auth/userPoolGroups',
  'groups-static-dynamic',
  (get, users) => [
    {
      name: 'static group: a member of Admins may do everything, anyone else nothing',
      mirrors: '{ allow: groups, groups: ["Admins"] } checks cognito:groups in the token',
      doc: docs.staticGroups,
      run: async () => {
        const { admin, red, nobody } = users()
        expect(await allowedOps(get(), admin, salary, 's1', { wage: 10 })).toEqual(all)
        expect(await allowedOps(get(), red, salary, 's2', { wage: 10 })).toEqual(none)
        expect(await allowedOps(get(), nobody, salary, 's3', { wage: 10 })).toEqual(none)
        ok(await callAs(get(), admin, salary.create, { input: { id: 's4', wage: 1 } }))
        refused(await callAs(get(), red, salary.get, { id: 's4' }))
        refused(await callAs(get(), red, salary.list))
        expect(ok<{ items: unknown[] }>(await callAs(get(), admin, salary.list)).items).toEqual([
          { id: 's4' },
        ])
      },
    },
    {
      name: 'static group with operations: Editors read and update, may not create or delete',
      mirrors: 'group rules limited to operations [read, update]',
      doc: docs.staticGroups,
      run: async () => {
        const { admin, editor } = users()
        ok(await callAs(get(), admin, article.create, { input: { id: 'a1', title: 'draft' } }))
        expect(await allowedOps(get(), editor, article, 'a1', { title: 'edited' })).toEqual({
          create: false,
          get: true,
          update: true,
          delete: false,
        })
        expect(ok<{ title: string }>(await callAs(get(), admin, article.get, { id: 'a1' })).title).toBe(
          'edited',
        )
      },
    },
    {
      name: 'dynamic single group: members of the group named in the item may do everything, others nothing',
      mirrors: '{ allow: groups, groupsField: "group" } on a String field',
      doc: docs.dynamicGroups,
      run: async () => {
        const { red, blue, nobody } = users()
        expect(await allowedOps(get(), red, memo, 'm1', { text: 'x', group: 'Red' })).toEqual(all)
        // Creating an item for a group the caller is not in is refused; reading an item that does not exist
        // is null, as the rule is checked on the item read.
        refused(await callAs(get(), blue, memo.create, { input: { id: 'm2', text: 'x', group: 'Red' } }))
        expect(ok(await callAs(get(), red, memo.get, { id: 'm2' }))).toBeNull()
        ok(await callAs(get(), red, memo.create, { input: { id: 'm3', text: 'kept', group: 'Red' } }))
        expect(await allowedOps(get(), blue, memo, 'm3', { text: 'x', group: 'Red' })).toEqual(none)
        refused(await callAs(get(), nobody, memo.get, { id: 'm3' }))
        expect(ok<{ items: unknown[] }>(await callAs(get(), blue, memo.list)).items).toEqual([])
        expect(ok<{ items: unknown[] }>(await callAs(get(), red, memo.list)).items).toEqual([{ id: 'm3' }])
      },
    },
    {
      name: 'dynamic group list: members of any group listed in the item may do everything, others nothing',
      mirrors: '{ allow: groups, groupsField: "groups" } on a [String] field',
      doc: docs.dynamicGroups,
      run: async () => {
        const { red, blue, green } = users()
        expect(await allowedOps(get(), red, board, 'b1', { name: 'x', groups: ['Red', 'Blue'] })).toEqual(all)
        ok(
          await callAs(get(), red, board.create, {
            input: { id: 'b2', name: 'shared', groups: ['Red', 'Blue'] },
          }),
        )
        expect(ok<{ name: string }>(await callAs(get(), blue, board.get, { id: 'b2' })).name).toBe('shared')
        ok(await callAs(get(), blue, board.update, { input: { id: 'b2', name: 'shared v2' } }))
        expect(await allowedOps(get(), green, board, 'b2', { name: 'x', groups: ['Red', 'Blue'] })).toEqual(
          none,
        )
        expect(ok<{ items: unknown[] }>(await callAs(get(), green, board.list)).items).toEqual([])
      },
    },
    {
      name: 'static group subscription: a member of Admins receives',
      mirrors:
        'subscriptions apply the model rules for read; a static group rule is checked at subscribe time',
      doc: docs.subscriptionAuth,
      run: async () => {
        const { admin } = users()
        const live = await subscribeAs<{ id: string }>(get(), admin, salary.onCreate)
        const items = await receivedOf(live, [
          {
            publish: () => callAs(get(), admin, salary.create, { input: { id: 'live-s', wage: 3 } }),
            expected: true,
          },
        ])
        expect(items).toEqual([{ id: 'live-s', wage: 3 }])
      },
    },
    {
      name: 'dynamic single group subscription: delivers only items of a group the subscriber is in (filter `group in <token groups>`)',
      mirrors:
        'the transformer turns a dynamic group rule into a subscription filter on the groups field: `in` for a String field',
      doc: docs.dynamicGroups,
      run: async () => {
        const { red, blue } = users()
        const live = await subscribeAs<{ id: string }>(get(), red, memo.onCreate)
        const items = await receivedOf(live, [
          {
            publish: () =>
              callAs(get(), blue, memo.create, { input: { id: 'live-m1', text: 'b', group: 'Blue' } }),
            expected: false,
          },
          {
            publish: () =>
              callAs(get(), red, memo.create, { input: { id: 'live-m2', text: 'r', group: 'Red' } }),
            expected: true,
          },
        ])
        expect(items.map((m) => m.id)).toEqual(['live-m2'])
      },
    },
    {
      name: "dynamic group list subscription: delivers items listing any of the subscriber's groups (filter `groups containsAny`)",
      mirrors: 'the transformer filters a [String] groups field with containsAny of the token groups',
      doc: docs.dynamicGroups,
      run: async () => {
        const { red, blue } = users()
        const live = await subscribeAs<{ id: string }>(get(), blue, board.onCreate)
        const items = await receivedOf(live, [
          {
            publish: () =>
              callAs(get(), red, board.create, { input: { id: 'live-b1', name: 'r', groups: ['Red'] } }),
            expected: false,
          },
          {
            publish: () =>
              callAs(get(), red, board.create, {
                input: { id: 'live-b2', name: 'rb', groups: ['Red', 'Blue'] },
              }),
            expected: true,
          },
        ])
        expect(items.map((b) => b.id)).toEqual(['live-b2'])
      },
    },
    {
      name: 'refused at subscription start: a non-member for a static group; for dynamic groups a user in no group, and (single group field) a user in more than 5 groups',
      mirrors:
        'Gen 1 docs, "Known limitations for real-time subscriptions when using dynamic group authorization": a single group per record supports subscribers in 5 or fewer groups, a list of groups 20 or fewer (AppSync allows 5 values for `in`, 20 for `containsAny`)',
      doc: `${docs.dynamicGroups}; ${docs.enhancedFiltering}`,
      run: async () => {
        const { red, nobody, many } = users()
        // Six groups fit a [String] field's containsAny (up to 20 values).
        const live = await subscribeAs<{ id: string }>(get(), many, board.onCreate)
        live.unsubscribe()
        expect(await startRefusal(get(), red, salary.onCreate)).toMatch(/Unauthorized/)
        expect(await startRefusal(get(), nobody, memo.onCreate)).toMatch(/Unauthorized/)
        expect(await startRefusal(get(), many, memo.onCreate)).toMatch(
          /subscription exceeds maximum value limit 5 for operator `in`/,
        )
      },
    },
  ],
  async (served) => ({
    admin: await userIn(served, 'admin@example.com', ['Admins']),
    editor: await userIn(served, 'editor@example.com', ['Editors']),
    red: await userIn(served, 'red@example.com', ['Red']),
    blue: await userIn(served, 'blue@example.com', ['Blue']),
    green: await userIn(served, 'green@example.com', ['Green']),
    nobody: await userIn(served, 'nobody@example.com'),
    many: await userIn(served, 'many@example.com', ['Editors', 'Red', 'Blue', 'Green', 'Yellow', 'Purple']),
  }),
)
