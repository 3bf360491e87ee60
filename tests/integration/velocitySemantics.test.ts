import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LocalBackend } from '../../local-backend/src/startLocalBackend'
import { TEST_CONFIRMATION_CODE } from '../../testkit/backend/testBackend'
import { configureAmplify } from '../../testkit/backend/amplifyClient'
import { createTestUser, type TestUser } from '../../testkit/backend/cognitoUsers'
import { startFidelityBackend } from './fidelityFixture'

// The transformer's templates as AppSync's Velocity runs them, on the fidelity fixture's API
// (tests/integration/fixtures/fidelity). AppSync's Velocity is Apache Velocity with non-strict references: a
// method the value does not have is logged, evaluates to null and the template goes on (Velocity's
// `runtime.references.strict`, default false: https://mail-archive.com/commits@velocity.apache.org/msg01484.html).
let backend: LocalBackend
let amplify: ReturnType<typeof configureAmplify>
let alice: TestUser
let bob: TestUser
let carol: TestUser

beforeAll(async () => {
  backend = await startFidelityBackend()
  amplify = configureAmplify(backend.config)
  alice = await createTestUser(backend, 'alice@example.com', TEST_CONFIRMATION_CODE, undefined, null)
  bob = await createTestUser(backend, 'bob@example.com', TEST_CONFIRMATION_CODE, undefined, null)
  carol = await createTestUser(backend, 'carol@example.com', TEST_CONFIRMATION_CODE, undefined, null)
})
afterAll(() => backend?.stop())

interface Team {
  id: string
  name: string
  members: string[] | null
}
const createTeam = /* GraphQL */ `
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      id
      name
      members
    }
  }
`
const getTeam = /* GraphQL */ `
  query GetTeam($id: ID!) {
    getTeam(id: $id) {
      id
      name
      members
    }
  }
`

async function call<T>(user: TestUser, query: string, variables: object): Promise<T> {
  amplify.signInAs(user)
  const result = (await amplify.client.graphql({ query, variables, authMode: 'userPool' } as never)) as {
    data: T
  }
  return result.data
}

// Multi-owner lists are a documented Gen 1 pattern:
// https://docs.amplify.aws/gen1/javascript/build-a-backend/graphqlapi/customize-authorization-rules/#multi-user-data-access
// Their field template calls `$ctx.source.members.put($list)` on a list, which has no such method.
describe('Velocity: a method the value does not have evaluates to null, as in AppSync', () => {
  it('returns a multi-owner list field to its creator (the stock engine threw, so it came back null)', async () => {
    const { createTeam: created } = await call<{ createTeam: Team }>(alice, createTeam, {
      input: { name: 'red' },
    })
    expect(created.members).toEqual([alice.username])
    const { getTeam: read } = await call<{ getTeam: Team | null }>(alice, getTeam, { id: created.id })
    expect(read).toEqual({ id: created.id, name: 'red', members: [alice.username] })
  })

  it('lets every listed member read the item, and no one else', async () => {
    const { createTeam: created } = await call<{ createTeam: Team }>(alice, createTeam, {
      input: { name: 'blue', members: [alice.username, bob.username] },
    })
    const { getTeam: asBob } = await call<{ getTeam: Team | null }>(bob, getTeam, { id: created.id })
    expect(asBob?.members).toEqual([alice.username, bob.username])
    amplify.signInAs(carol)
    const read = amplify.client.graphql({
      query: getTeam,
      variables: { id: created.id },
      authMode: 'userPool',
    } as never) as Promise<unknown>
    const denied = (await read.then(
      () => undefined,
      (error: unknown) => error,
    )) as { errors?: { errorType?: string }[] } | undefined
    expect(denied?.errors?.[0]?.errorType).toBe('Unauthorized')
  })
})
