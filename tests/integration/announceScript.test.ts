/**
 * `npm run announce` as a trusted server runs it: a separate process that signs `publishAnnouncement` with
 * SigV4 and the local credentials the backend keeps in its data folder (scripts/lib/signedGraphql.ts). The
 * announcement must reach a member of the named group and no one else.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { LocalBackend } from '../../local-backend/src/startLocalBackend'
import { startTestBackend, TEST_CONFIRMATION_CODE } from '../../testkit/backend/testBackend'
import { AppSyncRealtimeClient } from '../../testkit/backend/appSyncRealtimeClient'
import { createGroupUser } from '../../testkit/backend/teamUsers'
import * as subscriptions from '../../src/graphql/subscriptions'

let backend: LocalBackend
let dataDir: string
const sockets: AppSyncRealtimeClient[] = []

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'announce-script-'))
  backend = await startTestBackend({ inMemory: false, dataDir })
})
afterAll(async () => {
  for (const socket of sockets) socket.close()
  await backend?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

const announce = (...args: string[]) =>
  promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, '../../scripts/announce.ts'),
      ...args,
      '--endpoint',
      backend.graphqlEndpoint,
      '--data-dir',
      dataDir,
    ],
    { cwd: join(import.meta.dirname, '../..') },
  )

async function subscribe(email: string, groups: string[]) {
  const user = await createGroupUser(backend, email, groups, TEST_CONFIRMATION_CODE)
  const socket = new AppSyncRealtimeClient(
    backend.realtimeEndpoint,
    { Authorization: user.idToken },
    new URL(backend.graphqlEndpoint).host,
  )
  await socket.connect()
  sockets.push(socket)
  return socket.subscribe(subscriptions.onAnnouncement, { prefix: 'ops', onlyGroups: groups })
}

it('publishes to the named groups, signed with the local credentials', async () => {
  const red = await subscribe('red@example.com', ['TeamRed'])
  const green = await subscribe('green@example.com', ['TeamGreen'])
  const { stdout } = await announce(
    '--topic',
    'ops:deploy',
    '--groups',
    'TeamGreen',
    '--message',
    'deploying',
  )
  expect(stdout).toMatch(/^Published [0-9a-f-]{36} on ops:deploy to TeamGreen \(local backend\)\./)
  // A second one to both teams: red's first delivery must be this one, so nothing else reached red.
  await announce('--topic', 'ops:done', '--groups', 'TeamRed,TeamGreen', '--message', 'done')
  const [deploy, done] = await green.waitFor(2)
  expect(deploy).toMatchObject({ topic: 'ops:deploy', groups: ['TeamGreen'] })
  expect(JSON.parse(deploy.data as string)).toEqual({ message: 'deploying' })
  expect(done).toMatchObject({ topic: 'ops:done' })
  await red.waitFor(1)
  expect(red.received.map((item) => item.topic)).toEqual(['ops:done'])
})

it('fails with the server’s reason on bad input and without credentials', async () => {
  await expect(
    announce('--topic', 'bad topic!', '--groups', 'TeamRed', '--message', 'x'),
  ).rejects.toMatchObject({ stderr: expect.stringContaining('ValidationError: Topic must be') })
  await expect(
    promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, '../../scripts/announce.ts'),
        '--topic',
        'ops:x',
        '--groups',
        'TeamRed',
        '--message',
        'x',
        '--endpoint',
        backend.graphqlEndpoint,
        '--data-dir',
        join(dataDir, 'missing'),
      ],
      { cwd: join(import.meta.dirname, '../..') },
    ),
  ).rejects.toMatchObject({ stderr: expect.stringContaining('No local credentials') })
})
