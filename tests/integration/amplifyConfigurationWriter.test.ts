import { mkdtemp, readFile, rm, stat, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  localAmplifyConfiguration,
  writeAmplifyConfiguration,
} from '../../local-backend/src/config/amplifyConfiguration'

const options = {
  graphqlEndpoint: 'http://127.0.0.1:20002/graphql',
  authenticationType: 'AMAZON_COGNITO_USER_POOLS',
  apiKey: 'da2-fakeApiId123456',
  userPool: {
    userPoolId: 'local_pool',
    userPoolClientId: 'client',
    cognitoEndpoint: 'http://127.0.0.1:9229',
  },
}

describe('writeAmplifyConfiguration', () => {
  let dir = ''
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  // The Vite dev server reloads every tab when src/amplifyconfiguration.json changes on disk: a backend
  // restart with the same ports must leave the file (and its modification time) alone.
  it('leaves the file untouched when its content is the same, and rewrites it when it changes', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'amplify-config-'))
    const file = path.join(dir, 'amplifyconfiguration.json')
    expect(await writeAmplifyConfiguration(file, localAmplifyConfiguration(options))).toBe(true)
    const past = new Date(Date.UTC(2020, 0, 1))
    await utimes(file, past, past)

    expect(await writeAmplifyConfiguration(file, localAmplifyConfiguration(options))).toBe(false)
    expect((await stat(file)).mtimeMs).toBe(past.getTime())

    const moved = localAmplifyConfiguration({ ...options, graphqlEndpoint: 'http://127.0.0.1:20003/graphql' })
    expect(await writeAmplifyConfiguration(file, moved)).toBe(true)
    expect(JSON.parse(await readFile(file, 'utf8')).aws_appsync_graphqlEndpoint).toBe(
      'http://127.0.0.1:20003/graphql',
    )
  })
})
