/**
 * IAM callers on the real-time WebSocket, as AppSync's protocol defines them
 * (https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html, IAM authorization):
 * the connection's header is a SigV4 signature of POST <endpoint>/connect with the body `{}`, each start's
 * `extensions.authorization` a signature of POST <endpoint> over the start's `data`. Valid ones subscribe
 * with the caller's IAM identity (custom-roles.json's admin role passes the transformer's IAM rules);
 * forged, expired and otherwise odd ones are refused.
 *
 * aws-amplify v6 signs with whatever credentials its credentials provider returns; here that is the local
 * credentials (a trusted server's static keys), through Amplify's documented `credentialsProvider` hook.
 * The raw rows sign with the AWS SDK's signer (@smithy/signature-v4), as any other client would.
 */
import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'
import { Amplify } from 'aws-amplify'
import { generateClient } from 'aws-amplify/api'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { AwsCredentials } from '../../local-backend/src/cognito/verifySigV4Request'
import { startLocalBackend, type LocalBackend } from '../../local-backend/src/startLocalBackend'
import { subscribeAndWait } from '../../testkit/backend/amplifySubscription'
import { AppSyncRealtimeClient } from '../../testkit/backend/appSyncRealtimeClient'
import { installNodeWebSocket } from '../../testkit/backend/nodeWebSocket'

const apiDir = join(import.meta.dirname, 'fixtures/iam-project/amplify/backend/api/iamapi')
const onCreateNote = 'subscription OnCreateNote { onCreateNote { id text } }'
const createNote = 'mutation CreateNote($text: String!) { createNote(input: { text: $text }) { id text } }'
// The headers aws-amplify v6 signs on the real-time connection and starts (its AWS_APPSYNC_REALTIME_HEADERS).
const realtimeHeaders = {
  accept: 'application/json, text/javascript',
  'content-encoding': 'amz-1.0',
  'content-type': 'application/json; charset=UTF-8',
}

interface Signing {
  credentials?: AwsCredentials
  service?: string
  signingDate?: Date
  /** The host signed; default the backend's. */
  host?: string
  /** The path signed; default /graphql/connect for a connection, /graphql for a start. */
  path?: string
}

async function signedHeaders(backend: LocalBackend, path: string, body: string, signing: Signing = {}) {
  const url = new URL(backend.graphqlEndpoint)
  const signer = new SignatureV4({
    credentials: signing.credentials ?? backend.awsCredentials,
    region: 'us-east-1',
    service: signing.service ?? 'appsync',
    sha256: Sha256,
  })
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      path: signing.path ?? path,
      query: {},
      headers: { ...realtimeHeaders, host: signing.host ?? url.host },
      body,
    },
    { signingDate: signing.signingDate },
  )
  return signed.headers as Record<string, string>
}

/** Opens a socket with these connection headers; resolves with the HTTP status of a refused upgrade, or 101. */
function connectStatus(backend: LocalBackend, headers: Record<string, string>): Promise<number> {
  const header = Buffer.from(JSON.stringify(headers)).toString('base64')
  const socket = new WebSocket(
    `${backend.realtimeEndpoint}?header=${encodeURIComponent(header)}&payload=e30=`,
    'graphql-ws',
  )
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    socket.once('open', () => {
      socket.terminate()
      resolve(101)
    })
    socket.once('error', reject)
  })
}

/** A raw client whose connection is signed with the local credentials, as AppSync's IAM connect expects. */
async function iamConnection(backend: LocalBackend): Promise<AppSyncRealtimeClient> {
  const headers = await signedHeaders(backend, '/graphql/connect', '{}')
  const { host, ...auth } = headers
  const client = new AppSyncRealtimeClient(backend.realtimeEndpoint, auth, host)
  await client.connect()
  return client
}

/** A start frame whose authorization signs `signedData` while the frame carries `sentData`. */
async function startFrame(
  backend: LocalBackend,
  id: string,
  signing: Signing = {},
  sentData = JSON.stringify({ query: onCreateNote, variables: {} }),
  signedData = sentData,
) {
  const authorization = await signedHeaders(backend, '/graphql', signedData, signing)
  return JSON.stringify({ id, type: 'start', payload: { data: sentData, extensions: { authorization } } })
}

function configureIamAmplify(backend: LocalBackend) {
  installNodeWebSocket()
  Amplify.configure(backend.config as unknown as Parameters<typeof Amplify.configure>[0], {
    Auth: {
      credentialsProvider: {
        getCredentialsAndIdentityId: async () => ({ credentials: backend.awsCredentials }),
        clearCredentialsAndIdentityId: () => {},
      },
    },
  })
  return generateClient()
}

describe('IAM on the real-time WebSocket', () => {
  let backend: LocalBackend
  let outsider: LocalBackend
  beforeAll(async () => {
    backend = await startLocalBackend({ port: 0, cognitoPort: 0, inMemory: true, apiDir, log: () => {} })
    outsider = await startLocalBackend({
      port: 0,
      cognitoPort: 0,
      inMemory: true,
      apiDir,
      iamRoleName: 'some-other-role',
      log: () => {},
    })
  }, 60_000)
  afterAll(async () => {
    await backend?.stop()
    await outsider?.stop()
  })

  it("aws-amplify v6 with authMode 'iam' subscribes and receives a note created with authMode 'iam'", async () => {
    const client = configureIamAmplify(backend)
    const live = await subscribeAndWait<{ text: string }>(client, {
      query: onCreateNote,
      // The helper's type lists the modes the app uses; v6 also signs with 'iam'.
      authMode: 'iam' as 'apiKey',
    })
    try {
      await client.graphql({ query: createNote, variables: { text: 'signed by v6' }, authMode: 'iam' })
      const [first] = await live.waitFor(1)
      expect(first.text).toBe('signed by v6')
    } finally {
      live.unsubscribe()
    }
  })

  it("a verified subscriber whose role is not custom-roles.json's admin role gets the transformer's Unauthorized", async () => {
    const client = await iamConnection(outsider)
    try {
      const reply = await client.sendRaw(await startFrame(outsider, 'outsider'))
      expect(reply).toMatchObject({ type: 'error', id: 'outsider' })
      expect(JSON.stringify(reply.payload)).toMatch(/Unauthorized/)
    } finally {
      client.close()
    }
  })

  it('a raw client with a signed connection and a signed start subscribes (start_ack)', async () => {
    const client = await iamConnection(backend)
    try {
      const reply = await client.sendRaw(await startFrame(backend, 'raw-ok'))
      expect(reply).toMatchObject({ type: 'start_ack', id: 'raw-ok' })
    } finally {
      client.close()
    }
  })

  const tenMinutesAgo = () => new Date(Date.now() - 10 * 60_000)
  const otherSecret = (b: LocalBackend) => ({ ...b.awsCredentials, secretAccessKey: 'guess' })
  const connections: [name: string, headers: (b: LocalBackend) => Promise<Record<string, string>>][] = [
    [
      'a forged signature (another secret)',
      (b) => signedHeaders(b, '/graphql/connect', '{}', { credentials: otherSecret(b) }),
    ],
    [
      'unknown credentials',
      (b) =>
        signedHeaders(b, '/graphql/connect', '{}', {
          credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' },
        }),
    ],
    [
      'an expired signature (10 minutes old)',
      (b) => signedHeaders(b, '/graphql/connect', '{}', { signingDate: tenMinutesAgo() }),
    ],
    [
      'a signature for another service',
      (b) => signedHeaders(b, '/graphql/connect', '{}', { service: 'cognito-idp' }),
    ],
    ['a signature over another body than {}', (b) => signedHeaders(b, '/graphql/connect', '{"x":1}')],
    ['a signature of POST /graphql instead of /graphql/connect', (b) => signedHeaders(b, '/graphql', '{}')],
    [
      'a signature for another host',
      (b) =>
        signedHeaders(b, '/graphql/connect', '{}', { host: 'example.appsync-api.us-east-1.amazonaws.com' }),
    ],
    [
      'an Authorization that only looks like SigV4',
      async (b) => ({
        ...(await signedHeaders(b, '/graphql/connect', '{}')),
        authorization: 'AWS4-HMAC-SHA256 Credential=x',
      }),
    ],
  ]
  for (const [name, headers] of connections) {
    it(`a connection carrying ${name} is refused with 401 (AWS: the connection's IAM signature is verified)`, async () => {
      expect(await connectStatus(backend, await headers(backend))).toBe(401)
    })
  }

  const query = JSON.stringify({ query: onCreateNote, variables: {} })
  const starts: [name: string, frame: (b: LocalBackend) => Promise<string>, reason: RegExp][] = [
    ['a forged signature', (b) => startFrame(b, 's', { credentials: otherSecret(b) }), /does not match/],
    [
      'an expired signature',
      (b) => startFrame(b, 's', { signingDate: tenMinutesAgo() }),
      /Signature expired/,
    ],
    [
      'data changed after signing',
      (b) =>
        startFrame(
          b,
          's',
          {},
          query,
          JSON.stringify({ query: 'subscription { onDeleteNote { id } }', variables: {} }),
        ),
      /does not match/,
    ],
    [
      "the connection's signature (POST /graphql/connect, body {})",
      (b) => startFrame(b, 's', { path: '/graphql/connect' }, query, '{}'),
      /does not match/,
    ],
    ['a signature for another host', (b) => startFrame(b, 's', { host: 'evil.example' }), /host/],
  ]
  for (const [name, frame, reason] of starts) {
    it(`a start carrying ${name}, on a verified IAM connection, is refused (AWS: each start is authorized on its own)`, async () => {
      const client = await iamConnection(backend)
      try {
        const reply = await client.sendRaw(await frame(backend))
        expect(reply).toMatchObject({ type: 'error', id: 's' })
        expect(JSON.stringify(reply.payload)).toMatch(/UnauthorizedException/)
        expect(JSON.stringify(reply.payload)).toMatch(reason)
      } finally {
        client.close()
      }
    })
  }

  it('after every refusal the backend still serves: a signed subscriber receives a note', async () => {
    const client = await iamConnection(backend)
    try {
      const ack = await client.sendRaw(await startFrame(backend, 'after'))
      expect(ack).toMatchObject({ type: 'start_ack' })
      // The raw client hands messages of a subscription id to the handler registered for it.
      const handlers = (client as unknown as { handlers: Map<string, (message: unknown) => void> }).handlers
      const received = new Promise((resolve) => handlers.set('after', resolve))
      await configureIamAmplify(backend).graphql({
        query: createNote,
        variables: { text: 'still served' },
        authMode: 'iam',
      })
      expect(await received).toMatchObject({
        type: 'data',
        payload: { data: { onCreateNote: { text: 'still served' } } },
      })
    } finally {
      client.close()
    }
  })
})
