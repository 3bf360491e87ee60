import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  Kind,
  parse,
  type DocumentNode,
  type ObjectTypeDefinitionNode,
  type SelectionSetNode,
  type TypeNode,
} from 'graphql'
import type { LocalBackend } from '../../local-backend/src/startLocalBackend'
import { loadCompiledApi } from '../../local-backend/src/compile/loadCompiledApi'
import * as mutations from '../../src/graphql/mutations'
import * as subscriptions from '../../src/graphql/subscriptions'
import { TEST_CONFIRMATION_CODE } from '../../testkit/backend/testBackend'
import { configureAmplify } from '../../testkit/backend/amplifyClient'
import { createTestUser, type TestUser } from '../../testkit/backend/cognitoUsers'
import { subscribeAndWait } from '../../testkit/backend/amplifySubscription'
import { startFidelityBackend } from './fidelityFixture'

// What subscribers receive, on the fidelity fixture's API (tests/integration/fixtures/fidelity): on AppSync
// the mutation's response, only the fields the mutation selected, and subscription arguments match only
// those fields (https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html:
// "the subscription ... returns the fields the mutation requested"; amplify-cli #4745).
const REAL_TIME_DATA = 'https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html'
const OWNER_SUBSCRIPTIONS =
  'https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/customize-authorization-rules/'

let backend: LocalBackend
let amplify: ReturnType<typeof configureAmplify>
let alice: TestUser

beforeAll(async () => {
  backend = await startFidelityBackend()
  amplify = configureAmplify(backend.config)
  alice = await createTestUser(backend, 'alice@example.com', TEST_CONFIRMATION_CODE)
})
afterAll(() => backend?.stop())

const noteFields = 'id title roomName tag priority labels'
const createNoteSelecting = (selection: string) =>
  `mutation CreateNote($input: CreateNoteInput!) { createNote(input: $input) { ${selection} } }`

async function createNote(selection: string, input: object) {
  await amplify.client.graphql({
    query: createNoteSelecting(selection),
    variables: { input },
    authMode: 'apiKey',
  } as never)
}

describe(`subscription payloads carry what the mutation selected (${REAL_TIME_DATA})`, () => {
  it('matches an argument only on a field the mutation selected: forgetting roomName reaches no one', async () => {
    const live = await subscribeAndWait<{ title: string }>(amplify.client, {
      query: `subscription OnCreateNoteByRoom($roomName: String) { onCreateNoteByRoom(roomName: $roomName) { ${noteFields} } }`,
      variables: { roomName: 'lobby' },
      authMode: 'apiKey',
    })
    try {
      await createNote('id title', { title: 'forgot roomName', roomName: 'lobby' })
      await createNote('id title roomName', { title: 'selected roomName', roomName: 'lobby' })
      await live.waitFor(1)
      expect(live.items.map((item) => item.title)).toEqual(['selected roomName'])
    } finally {
      live.unsubscribe()
    }
  })

  it('gives the subscriber null for every field the mutation did not select, aliases by field name', async () => {
    const live = await subscribeAndWait<Record<string, unknown>>(amplify.client, {
      query: `subscription OnCreateNote { onCreateNote { ${noteFields} } }`,
      authMode: 'apiKey',
    })
    try {
      await createNote('id heading: title ... on Note { tag }', {
        title: 'partial',
        roomName: 'r',
        tag: 't',
        priority: 3,
        labels: ['a'],
      })
      const [item] = await live.waitFor(1)
      expect(item).toMatchObject({ title: 'partial', tag: 't', roomName: null, priority: null, labels: null })
    } finally {
      live.unsubscribe()
    }
  })

  it(`reaches an owner's subscription only when the mutation selected the owner field (${OWNER_SUBSCRIPTIONS})`, async () => {
    amplify.signInAs(alice)
    const live = await subscribeAndWait<{ name: string; members: string[] | null }>(amplify.client, {
      query: 'subscription OnCreateTeam { onCreateTeam { id name members } }',
      authMode: 'userPool',
    })
    try {
      const createTeam = (selection: string, name: string) =>
        amplify.client.graphql({
          query: `mutation CreateTeam($input: CreateTeamInput!) { createTeam(input: $input) { ${selection} } }`,
          variables: { input: { name } },
          authMode: 'userPool',
        } as never)
      await createTeam('id name', 'without members')
      await createTeam('id name members', 'with members')
      const [item] = await live.waitFor(1)
      expect(live.items.map((team) => team.name)).toEqual(['with members'])
      // The owner field as the mutation's response has it: the user name, not `<sub>::<username>`.
      expect(item.members).toEqual([alice.username])
    } finally {
      live.unsubscribe()
      amplify.signInAs(undefined)
    }
  })
})

describe("this project's own documents", () => {
  // Every field (path) a selection set selects, fragments inlined.
  function selectedPaths(document: DocumentNode, prefix = ''): Set<string> {
    const paths = new Set<string>()
    const walk = (selectionSet: SelectionSetNode | undefined, at: string) => {
      for (const selection of selectionSet?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          const path = `${at}${selection.name.value}`
          paths.add(path)
          walk(selection.selectionSet, `${path}.`)
        } else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, at)
      }
    }
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue
      const [root] = definition.selectionSet.selections
      if (root?.kind === Kind.FIELD) walk(root.selectionSet, prefix)
    }
    return paths
  }

  const namedType = (type: TypeNode): string =>
    type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type)

  it('mutations select every field their subscriptions select and filter on', async () => {
    const api = await loadCompiledApi()
    const schema = parse(api.schema)
    const generatedMutations = mutations as Record<string, string>
    const generatedSubscriptions = subscriptions as Record<string, string>
    let checked = 0
    for (const definition of schema.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || definition.name.value !== 'Subscription')
        continue
      for (const field of definition.fields ?? []) {
        const subscribe = field.directives?.find((d) => d.name.value === 'aws_subscribe')
        const list = subscribe?.arguments?.find((a) => a.name.value === 'mutations')?.value
        if (list?.kind !== Kind.LIST) continue
        const subscriptionText = generatedSubscriptions[field.name.value]
        expect(subscriptionText, `src/graphql/subscriptions.ts has ${field.name.value}`).toBeDefined()
        const needed = selectedPaths(parse(subscriptionText))
        // Arguments filter on the fields of the same name; one that names no field (onAnnouncement's `prefix`
        // and `onlyGroups`) is read only by the subscription's resolver, which sets the filter itself.
        const returned = schema.definitions.find(
          (d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === namedType(field.type),
        ) as ObjectTypeDefinitionNode | undefined
        const fieldNames = new Set(returned?.fields?.map((f) => f.name.value))
        for (const argument of field.arguments ?? []) {
          if (argument.name.value !== 'filter' && fieldNames.has(argument.name.value))
            needed.add(argument.name.value)
        }
        for (const value of list.values) {
          if (value.kind !== Kind.STRING) continue
          const mutationText = generatedMutations[value.value]
          expect(mutationText, `src/graphql/mutations.ts has ${value.value}`).toBeDefined()
          const selected = selectedPaths(parse(mutationText))
          const missing = [...needed].filter((path) => !selected.has(path))
          expect(missing, `${value.value} feeds ${field.name.value}`).toEqual([])
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(0)
  })
})
