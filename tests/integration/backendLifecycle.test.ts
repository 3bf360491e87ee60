import { afterAll, describe, expect, it } from 'vitest'
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { startLocalBackend } from '../../local-backend/src/startLocalBackend'
import { projectRoot } from '../../local-backend/src/compile/readApiProject'
import { postGraphql, startTestBackend } from '../../testkit/backend/testBackend'
import { startChildGroup } from '../../testkit/childProcessGroup'
import { createRoomChat } from '../../src/graphql/mutations'
import { roomChatsByRoomName } from '../../src/graphql/queries'

const tempDirs: string[] = []
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backend-lifecycle-'))
  tempDirs.push(dir)
  return dir
}
afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))))

const history = async (endpoint: string, apiKey: string) => {
  const { json } = await postGraphql(
    endpoint,
    { query: roomChatsByRoomName, variables: { roomName: 'kept' } },
    { 'x-api-key': apiKey },
  )
  return (json.data?.roomChatsByRoomName as { items: { message: string }[] }).items.map((i) => i.message)
}

describe('the local backend', () => {
  it('keeps messages and users across a restart with the same data folder', async () => {
    const dataDir = await tempDir()
    const first = await startLocalBackend({ port: 0, cognitoPort: 0, dataDir, log: () => {} })
    await postGraphql(
      first.graphqlEndpoint,
      { query: createRoomChat, variables: { input: { roomName: 'kept', message: 'before restart' } } },
      { 'x-api-key': first.apiKey },
    )
    const poolId = first.userPoolId
    await first.stop()

    const second = await startLocalBackend({ port: 0, cognitoPort: 0, dataDir, log: () => {} })
    try {
      expect(await history(second.graphqlEndpoint, second.apiKey)).toEqual(['before restart'])
      expect(second.userPoolId).toBe(poolId)
    } finally {
      await second.stop()
    }
  })

  it('fails at once with a one-line error when its port is taken, and the first keeps serving', async () => {
    const first = await startTestBackend()
    try {
      const port = Number(new URL(first.graphqlEndpoint).port)
      const error = await startTestBackend({ port }).then(
        () => undefined,
        (e: Error) => e,
      )
      expect(error?.message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}.*already in use.*--port`))
      expect(error?.message).not.toContain('\n')
      expect(await history(first.graphqlEndpoint, first.apiKey)).toEqual([])
    } finally {
      await first.stop()
    }
  })

  it('stops cleanly on SIGTERM and leaves nothing outside its data folder', async () => {
    const dataDir = await tempDir()
    const child = startChildGroup(
      process.execPath,
      [
        '--import',
        'tsx',
        'local-backend/src/main.ts',
        '--port',
        '0',
        '--cognito-port',
        '0',
        '--data-dir',
        dataDir,
        '--no-config',
      ],
      { cwd: projectRoot },
    )
    let endpoint: string
    try {
      await child.waitFor(/Press Ctrl-C/, { timeoutMs: 120_000 })
      endpoint = /GraphQL\s+(\S+)/.exec(child.output())![1]
      child.signal('SIGTERM', 'process')
      await expect(child.closed).resolves.toMatchObject({ code: 0 })
    } finally {
      child.kill()
    }
    expect(child.output()).toContain('Stopped.')
    await expect(fetch(endpoint, { method: 'POST' })).rejects.toThrow()
    expect((await readdir(dataDir)).sort()).toEqual(['cognito', 'dynamodb'])
  })
})

describe('recompiling', () => {
  it('serves a changed resolver slot after recompile(), as --watch does on save', async () => {
    const projectCopy = await tempDir()
    await cp(path.join(projectRoot, 'amplify'), path.join(projectCopy, 'amplify'), { recursive: true })
    const apiDir = path.join(projectCopy, 'amplify/backend/api/chatapi')
    const backend = await startTestBackend({ apiDir })
    try {
      const send = () =>
        postGraphql(
          backend.graphqlEndpoint,
          { query: createRoomChat, variables: { input: { roomName: 'r', message: ' ' } } },
          { 'x-api-key': backend.apiKey },
        )
      expect((await send()).json.errors?.[0].message).toBe('Message must not be empty.')
      const slot = path.join(apiDir, 'resolvers/Mutation.createRoomChat.init.2.req.vtl')
      await writeFile(
        slot,
        (await readFile(slot, 'utf8')).replace('Message must not be empty.', 'Say something.'),
      )
      await backend.recompile()
      expect((await send()).json.errors?.[0].message).toBe('Say something.')
    } finally {
      await backend.stop()
    }
  })
})
