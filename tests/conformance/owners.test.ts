import { expect } from 'vitest'
import type { TestUser } from '../../testkit/backend/cognitoUsers'
import { callAs, docs, ok, receivedOf, refused, rows, subscribeAs, userIn } from './support'

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
interface Users {
  alice: TestUser
  bob: TestUser
  carol: TestUser
}

rows<Users>(
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
