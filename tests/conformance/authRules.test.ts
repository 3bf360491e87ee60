import { expect } from 'vitest'
import type { TestUser } from '../../testkit/backend/cognitoUsers'
import {
  callAs,
  docs,
  ok,
  receivedOf,
  refused,
  rows,
  subscribeAs,
  userIn,
  startRefusal,
  type GraphqlResult,
  type Served,
} from './support'

// Group, owner and multi-owner rules: two corpus projects with an auth resource, users made in the local pool.
// The owners rows come last: their final row is a refused subscription start through aws-amplify, after
// which aws-amplify reconnects with a back-off.

// projects/groups-static-dynamic: static group rules (Salary: Admins only; Article: Editors read and update)
// and dynamic ones (Memo: the one group named in `group`; Board: every group in `groups`), with the groups of
// auth/userPoolGroups made in the local pool and members added with AdminAddUserToGroup.
interface GroupUsers {
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

rows<GroupUsers>(
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

// projects/owners: `{ allow: owner }` with a multi-owner `editors` list limited to read and update, and a
// Team owned by every user in its `members` list, with the list itself readable by members only.
const docFields = 'id title owner editors'
const createDoc = `mutation CreateDoc($input: CreateDocInput!) { createDoc(input: $input) { ${docFields} } }`
const getDoc = `query GetDoc($id: ID!) { getDoc(id: $id) { ${docFields} } }`
const listDocs = `query ListDocs { listDocs { items { id } } }`
const updateDoc = `mutation UpdateDoc($input: UpdateDocInput!) { updateDoc(input: $input) { ${docFields} } }`
const deleteDoc = `mutation DeleteDoc($input: DeleteDocInput!) { deleteDoc(input: $input) { id } }`
const onCreateDoc = `subscription OnCreateDoc { onCreateDoc { ${docFields} } }`
const onCreateDocOf = `subscription OnCreateDocOf($owner: String) { onCreateDoc(owner: $owner) { ${docFields} } }`
const createTeam = `mutation CreateTeam($input: CreateTeamInput!) { createTeam(input: $input) { id name members } }`
const getTeam = `query GetTeam($id: ID!) { getTeam(id: $id) { id name members } }`
const updateTeam = `mutation UpdateTeam($input: UpdateTeamInput!) { updateTeam(input: $input) { id name } }`

interface Doc {
  id: string
  title: string
  owner: string | null
  editors: string[] | null
}
interface OwnerUsers {
  alice: TestUser
  bob: TestUser
  carol: TestUser
}

rows<OwnerUsers>(
  'owners: owner, multi-owner editors and members lists (user pools default, auth resource docsauth)',
  'owners',
  (get, users) => [
    {
      name: 'the owner creates, reads and updates a doc; the owner field holds her user name',
      mirrors: '{ allow: owner } stores the owner on create and allows it every operation',
      doc: docs.ownerAuth,
      run: async () => {
        const { alice, bob } = users()
        const created = ok<Doc>(
          await callAs(get(), alice, createDoc, {
            input: { id: 'd1', title: 'plan', editors: [bob.username] },
          }),
        )
        expect(created).toEqual({ id: 'd1', title: 'plan', owner: alice.username, editors: [bob.username] })
        expect(ok<Doc>(await callAs(get(), alice, getDoc, { id: 'd1' })).title).toBe('plan')
        const updated = ok<Doc>(
          await callAs(get(), alice, updateDoc, { input: { id: 'd1', title: 'plan v2' } }),
        )
        expect(updated.title).toBe('plan v2')
      },
    },
    {
      name: 'a user listed in editors reads and updates the doc but may not delete it',
      mirrors: 'a multi-owner list (ownerField on [String]) with operations [read, update]',
      doc: docs.multiOwner,
      run: async () => {
        const { bob } = users()
        expect(ok<Doc>(await callAs(get(), bob, getDoc, { id: 'd1' })).title).toBe('plan v2')
        expect(
          ok<Doc>(await callAs(get(), bob, updateDoc, { input: { id: 'd1', title: 'plan v3' } })).title,
        ).toBe('plan v3')
        refused(await callAs(get(), bob, deleteDoc, { input: { id: 'd1' } }))
      },
    },
    {
      name: 'a user who is neither owner nor editor cannot read, list, update or delete the doc',
      mirrors: 'owner rules deny everyone else; list results are filtered to what the caller owns',
      doc: docs.ownerAuth,
      run: async () => {
        const { carol } = users()
        refused(await callAs(get(), carol, getDoc, { id: 'd1' }))
        const listed = ok<{ items: { id: string }[] }>(await callAs(get(), carol, listDocs))
        expect(listed.items).toEqual([])
        refused(await callAs(get(), carol, updateDoc, { input: { id: 'd1', title: 'hijack' } }))
        refused(await callAs(get(), carol, deleteDoc, { input: { id: 'd1' } }))
        expect(ok<Doc>(await callAs(get(), users().alice, getDoc, { id: 'd1' })).title).toBe('plan v3')
      },
    },
    {
      name: 'the owner deletes the doc',
      mirrors: '{ allow: owner } without operations includes delete',
      doc: docs.ownerAuth,
      run: async () => {
        const { alice } = users()
        expect(ok<{ id: string }>(await callAs(get(), alice, deleteDoc, { input: { id: 'd1' } })).id).toBe(
          'd1',
        )
      },
    },
    {
      name: 'every member of a team reads its members list and may update it; a non-member is refused',
      mirrors:
        'ownerField "members" on [String] at model and field level: each listed user owns the item and may read the field',
      doc: docs.fieldAuth,
      run: async () => {
        const { alice, bob, carol } = users()
        const created = ok<{ id: string; members: string[] }>(
          await callAs(get(), alice, createTeam, {
            input: { id: 't1', name: 'red', members: [alice.username, bob.username] },
          }),
        )
        expect(created.members).toEqual([alice.username, bob.username])
        const asBob = ok<{ members: string[] }>(await callAs(get(), bob, getTeam, { id: 't1' }))
        expect(asBob.members).toEqual([alice.username, bob.username])
        expect(
          ok<{ name: string }>(await callAs(get(), bob, updateTeam, { input: { id: 't1', name: 'crimson' } }))
            .name,
        ).toBe('crimson')
        refused(await callAs(get(), carol, getTeam, { id: 't1' }))
        refused(await callAs(get(), carol, updateTeam, { input: { id: 't1', name: 'mine' } }))
      },
    },
    {
      name: 'onCreateDoc without arguments delivers a doc to its owner and its editors only',
      mirrors:
        'owner-protected model subscriptions filter at runtime on the owner field (eq) and on a multi-owner list (contains)',
      doc: docs.subscriptionAuth,
      run: async () => {
        const { alice, bob, carol } = users()
        const served = get()
        const asAlice = await subscribeAs<Doc>(served, alice, onCreateDoc)
        const asBob = await subscribeAs<Doc>(served, bob, onCreateDoc)
        const asCarol = await subscribeAs<Doc>(served, carol, onCreateDoc)
        const byCarol = (id: string) => () => callAs(served, carol, createDoc, { input: { id, title: id } })
        const byAlice = () =>
          callAs(served, alice, createDoc, { input: { id: 's-a', title: 's-a', editors: [bob.username] } })
        const [forCarol, forAlice, forBob] = await Promise.all([
          receivedOf(asCarol, [
            { publish: byCarol('s-c1'), expected: true },
            { publish: byAlice, expected: false },
            { publish: byCarol('s-c2'), expected: true },
          ]),
          asAlice.waitFor(1).finally(() => asAlice.unsubscribe()),
          asBob.waitFor(1).finally(() => asBob.unsubscribe()),
        ])
        expect(forCarol.map((d) => d.id)).toEqual(['s-c1', 's-c2'])
        // Both got s-a as their first item, and s-c1 (published before it) never reached them.
        expect(forAlice.map((d) => d.id)).toEqual(['s-a'])
        expect(forBob.map((d) => d.id)).toEqual(['s-a'])
        expect(forBob[0]).toEqual({ id: 's-a', title: 's-a', owner: alice.username, editors: [bob.username] })
      },
    },
    {
      name: "subscribing with another user's name as the owner argument is refused",
      mirrors: 'an owner argument that is not the caller is Unauthorized at subscription start',
      doc: docs.subscriptionAuth,
      run: async () => {
        const { alice, bob } = users()
        await expect(subscribeAs(get(), alice, onCreateDocOf, { owner: bob.username })).rejects.toMatchObject(
          { errors: [expect.objectContaining({ message: expect.stringMatching(/Unauthorized/i) })] },
        )
      },
    },
  ],
  async (served) => ({
    alice: await userIn(served, 'alice@example.com'),
    bob: await userIn(served, 'bob@example.com'),
    carol: await userIn(served, 'carol@example.com'),
  }),
)
