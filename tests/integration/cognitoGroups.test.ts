/**
 * Cognito user pool groups in the local pool: the Gen 1 project's `auth/userPoolGroups` become groups of the
 * pool (with their precedence), membership changes are Cognito's signed admin operations, and members get
 * `cognito:groups` in their ID and access tokens.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { decodeJwt } from 'jose'
import { afterAll, describe, expect, it } from 'vitest'
import { cognitoCall, createTestUser } from '../../testkit/backend/cognitoUsers'
import { signedCognitoCall } from '../../local-backend/src/cognito/signedCognitoCall'
import { startLocalCognito, type LocalCognito } from '../../local-backend/src/cognito/startLocalCognito'

const fixtureAuth = join(
  import.meta.dirname,
  'fixtures/groups-project/amplify/backend/auth/teamauth/cli-inputs.json',
)
// A project whose auth resource has no auth/userPoolGroups folder (this repository's own project has one).
const noGroupsAuth = join(
  import.meta.dirname,
  'fixtures/fidelity/amplify/backend/auth/fidelityauth/cli-inputs.json',
)
const code = '135790'
const dirs: string[] = []

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'local-cognito-groups-'))
  dirs.push(dir)
  return dir
}

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

const admin = <T>(pool: LocalCognito, operation: string, body: unknown) =>
  signedCognitoCall<T>(pool.endpoint, pool.awsCredentials, operation, body)

async function listGroups(pool: LocalCognito) {
  const { Groups } = await admin<{ Groups: { GroupName: string; Precedence?: number }[] }>(
    pool,
    'ListGroups',
    {
      UserPoolId: pool.userPoolId,
    },
  )
  return Groups.map(({ GroupName, Precedence }) => ({ GroupName, Precedence })).sort((a, b) =>
    a.GroupName.localeCompare(b.GroupName),
  )
}

async function signIn(pool: LocalCognito, email: string) {
  const { AuthenticationResult } = await cognitoCall<{ AuthenticationResult: Record<string, string> }>(
    pool.endpoint,
    'InitiateAuth',
    {
      ClientId: pool.userPoolClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: 'Passw0rd!long' },
    },
  )
  return AuthenticationResult
}

describe('user pool groups from amplify/backend/auth/userPoolGroups', () => {
  // Gen 1 creates one AWS::Cognito::UserPoolGroup per entry of user-pool-group-precedence.json
  // (https://docs.amplify.aws/gen1/javascript/build-a-backend/auth/manage-users/with-amplify-cli/#user-pool-groups);
  // ListGroups lists them with their precedence:
  // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListGroups.html
  it('creates the project groups with their precedence, keeps members across restarts, and tokens carry cognito:groups', async () => {
    const dataDir = await tempDir()
    const log: string[] = []
    const options = {
      port: 0,
      dataDir,
      authCliInputsPath: fixtureAuth,
      confirmationCode: code,
      log: (l: string) => log.push(l),
    }
    let pool = await startLocalCognito(options)
    try {
      expect(await listGroups(pool)).toEqual([
        { GroupName: 'Admins', Precedence: 1 },
        { GroupName: 'TeamRed', Precedence: 2 },
      ])
      expect(log).toContain('Created user pool group(s): Admins, TeamRed')

      await createTestUser(
        { cognitoEndpoint: pool.endpoint, userPoolClientId: pool.userPoolClientId },
        'red@example.com',
        code,
      )
      await admin(pool, 'AdminAddUserToGroup', {
        UserPoolId: pool.userPoolId,
        Username: 'red@example.com',
        GroupName: 'TeamRed',
      })
      // Membership is in both tokens, as Cognito puts it:
      // https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
      // https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
      const tokens = await signIn(pool, 'red@example.com')
      expect(decodeJwt(tokens.IdToken)['cognito:groups']).toEqual(['TeamRed'])
      expect(decodeJwt(tokens.AccessToken)['cognito:groups']).toEqual(['TeamRed'])
    } finally {
      await pool.stop()
    }

    // A restart on the same data folder (the CLI's `amplify push` updates groups in place) keeps the members
    // and follows a changed precedence.
    pool = await startLocalCognito({
      ...options,
      userPoolGroups: [
        { groupName: 'Admins', precedence: 1 },
        { groupName: 'TeamRed', precedence: 5 },
      ],
    })
    try {
      expect(await listGroups(pool)).toEqual([
        { GroupName: 'Admins', Precedence: 1 },
        { GroupName: 'TeamRed', Precedence: 5 },
      ])
      const tokens = await signIn(pool, 'red@example.com')
      expect(decodeJwt(tokens.IdToken)['cognito:groups']).toEqual(['TeamRed'])
    } finally {
      await pool.stop()
    }
  })

  it('a project without userPoolGroups has none', async () => {
    const pool = await startLocalCognito({
      port: 0,
      dataDir: await tempDir(),
      authCliInputsPath: noGroupsAuth,
      log: () => {},
    })
    try {
      expect(await listGroups(pool)).toEqual([])
    } finally {
      await pool.stop()
    }
  })
})

describe('npm run groups', () => {
  // The script makes Cognito's own AdminAddUserToGroup / AdminRemoveUserFromGroup calls:
  // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminAddUserToGroup.html
  it('adds, lists and removes a member, and prints the AWS CLI line', async () => {
    const dataDir = await tempDir()
    const pool = await startLocalCognito({
      port: 0,
      dataDir: join(dataDir, 'cognito'),
      authCliInputsPath: fixtureAuth,
      confirmationCode: code,
      log: () => {},
    })
    try {
      await createTestUser(
        { cognitoEndpoint: pool.endpoint, userPoolClientId: pool.userPoolClientId },
        'blue@example.com',
        code,
      )
      const config = join(dataDir, 'amplifyconfiguration.json')
      await writeFile(
        config,
        JSON.stringify({ aws_cognito_local_endpoint: pool.endpoint, aws_user_pools_id: pool.userPoolId }),
      )
      const run = async (...args: string[]) =>
        (
          await promisify(execFile)(
            process.execPath,
            [
              '--import',
              'tsx',
              join(import.meta.dirname, '../../scripts/groups.ts'),
              ...args,
              '--data-dir',
              dataDir,
              '--config',
              config,
            ],
            { cwd: join(import.meta.dirname, '../..') },
          )
        ).stdout

      const added = await run('add', 'blue@example.com', 'Admins')
      expect(added).toContain(
        'aws cognito-idp admin-add-user-to-group --user-pool-id <your pool id> --username blue@example.com --group-name Admins',
      )
      expect(await run('list')).toContain('Admins (precedence 1): blue@example.com')
      expect(await run('list', 'blue@example.com')).toContain('blue@example.com: Admins')
      const removed = await run('remove', 'blue@example.com', 'Admins')
      expect(removed).toContain('aws cognito-idp admin-remove-user-from-group')
      expect(await run('list', 'blue@example.com')).toContain('blue@example.com: (no groups)')
    } finally {
      await pool.stop()
    }
  }, 60_000)
})
