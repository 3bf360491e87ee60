import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { startLocalBackend, type LocalBackend } from '../../local-backend/src/startLocalBackend'
import { DEFAULT_MAX_BUFFERED_BYTES } from '../../local-backend/src/simulator/slowConsumers'
import { startTestBackend, TEST_CONFIRMATION_CODE } from '../../testkit/backend/testBackend'
import { createTestUser } from '../../testkit/backend/cognitoUsers'
import { compareMessages } from '../../src/domain/timeline'
import { wholeHistory } from '../../testkit/load/loadGraphql'
import { roomOperations, type LoadRoom } from '../../testkit/load/loadPlan'
import { AppRooms } from './faults/appRooms'
import { RestartPublishers } from './faults/restartPublishers'
import { BackendProcess } from './faults/backendProcess'
import { BackgroundLoad } from './faults/backgroundLoad'
import { roomChatsByRoomName } from '../../src/graphql/queries'
import { onCreateRoomChatByRoomName } from '../../src/graphql/subscriptions'
import { retainedHeapBytes } from './faults/retainedMemory'
import { StalledSubscriber } from './faults/stalledSubscriber'
import { publishInTurn, SteadyReaders } from './faults/steadyRoom'

/**
 * Faults under load against the local backend: clients that misbehave, a backend that restarts or is
 * interrupted, two backends on one port. Each asserts what the others (clients, data, processes) keep.
 */

// These tests assert what the others keep (every message, in order, a bounded memory, a clean exit), never
// how fast: latency is printed for the reader, and measured against its target by npm run bench:backend.
// Waits end on their event; the ceiling is for a machine busy with other work.
const CEILING_MS = 120_000
const MB = 2 ** 20

describe('misbehaving clients', () => {
  let backend: LocalBackend
  beforeAll(async () => {
    backend = await startTestBackend()
  })
  afterAll(() => backend?.stop())

  it('drops a subscriber that stops reading; the others get every message and memory stays bounded', async () => {
    const messages = 300
    const subscriptionsOfStalled = 100
    // ~2 KB per frame, 100 frames per message to the stalled socket: about 60 MB it never reads.
    const padding = 1800
    const readers = new SteadyReaders(backend, 'stall-room')
    const stalled = new StalledSubscriber(
      backend.realtimeEndpoint,
      { 'x-api-key': backend.apiKey },
      new URL(backend.graphqlEndpoint).host,
    )
    try {
      await readers.connect(10)
      await stalled.subscribe(onCreateRoomChatByRoomName, { roomName: 'stall-room' }, subscriptionsOfStalled)
      stalled.stall()
      const before = retainedHeapBytes()
      await publishInTurn(backend, 'stall-room', messages, { padding })
      await readers.waitForAll(messages, CEILING_MS)
      const heapGrowth = retainedHeapBytes() - before

      // Reading again shows what the server did meanwhile: without the guard, every frame is still queued
      // for it (and nothing closes); with it, the connection was dropped once its queue passed the limit.
      const { frames, closeCode } = await stalled.resume(CEILING_MS)
      expect(closeCode).toBe(1006)
      expect(frames).toBeLessThan(messages * subscriptionsOfStalled)
      // Of the ~60 MB it never read, the server may hold the guard's limit and some working memory, not
      // the rest (without the guard: about 75 MB here).
      expect(heapGrowth).toBeLessThan(DEFAULT_MAX_BUFFERED_BYTES + 24 * MB)
      console.log(
        `stalled subscriber: dropped after ${frames} of ${messages * subscriptionsOfStalled} frames; ` +
          `heap growth ${(heapGrowth / MB).toFixed(1)} MB; others p50 ${readers.p50().toFixed(2)} ms, p99 ${readers.p99().toFixed(2)} ms`,
      )
    } finally {
      stalled.close()
      readers.close()
    }
  })

  it('a WebSocket cut without a close frame loses the others nothing, and new subscribers are served', async () => {
    const messages = 200
    const readers = new SteadyReaders(backend, 'cut-room')
    const cut = new SteadyReaders(backend, 'cut-room')
    const later = new SteadyReaders(backend, 'cut-room')
    try {
      await readers.connect(10)
      await cut.connect(1)
      await publishInTurn(backend, 'cut-room', messages, {
        padding: 200,
        // terminate(): the TCP connection ends with no WebSocket close frame, as when a network drops.
        before: async (seq) => {
          if (seq !== messages / 4) return
          await cut.waitForAll(seq, CEILING_MS)
          cut.close()
        },
      })
      await readers.waitForAll(messages, CEILING_MS)
      expect(cut.latencies.length).toBe(messages / 4)
      console.log(
        `cut WebSocket: others p50 ${readers.p50().toFixed(2)} ms, p99 ${readers.p99().toFixed(2)} ms`,
      )

      await later.connect(1)
      await publishInTurn(backend, 'cut-room', 1, { padding: 0 })
      await later.waitForAll(1, CEILING_MS)
      await readers.waitForAll(messages + 1, CEILING_MS)
    } finally {
      readers.close()
      later.close()
    }
  })
})

describe('a backend restart in the middle of the stream', () => {
  const tempDirs: string[] = []
  afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))))

  it('keeps every stored message; clients on the app room logic reconnect and end with what the server holds', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'faults-restart-'))
    tempDirs.push(dataDir)
    const start = (port = 0, cognitoPort = 0) =>
      startLocalBackend({
        port,
        cognitoPort,
        dataDir,
        confirmationCode: TEST_CONFIRMATION_CODE,
        log: () => {},
      })
    let backend = await start()
    // The same ports after the restart: the clients keep the endpoints they were configured with.
    const port = Number(new URL(backend.graphqlEndpoint).port)
    const cognitoPort = Number(new URL(backend.cognitoEndpoint).port)
    const user = await createTestUser(backend, 'restart@example.com', TEST_CONFIRMATION_CODE)
    const rooms: LoadRoom[] = [
      { index: 0, kind: 'open', name: 'open', readers: [] },
      { index: 1, kind: 'room', name: 'restart-room', readers: [] },
      { index: 2, kind: 'closed', name: 'restart-closed', readers: [] },
    ]
    const app = new AppRooms(backend, user)
    const publishers = new RestartPublishers(backend, rooms, user)
    const shown = (name: string) => app.rooms.get(name)!.timeline.value.map((entry) => entry.id)
    try {
      app.show('open', app.api.openChatRoom())
      app.show('room', app.api.roomChatRoom('restart-room'))
      app.show('closed', app.api.closedChatRoom('restart-closed', true))
      await app.whenAll(
        (room) => room.link.value === 'connected' && room.historyLoaded.value,
        CEILING_MS,
        'rooms live',
      )

      const perRoom = 40
      await publishers.publish(perRoom, 'mid-stream', async (sent) => {
        if (sent !== perRoom) return
        // A third of the way: stop the backend under the publishers and subscribers, start it again.
        publishers.pause()
        await backend.stop()
        backend = await start(port, cognitoPort)
        publishers.resume(backend)
      })
      const names = ['open', 'room', 'closed']
      const acknowledged = (name: string) => publishers.acknowledged.get(names.indexOf(name))!
      await app.whenAll(
        (room, name) =>
          room.link.value === 'connected' && acknowledged(name).every((id) => shown(name).includes(id)),
        CEILING_MS,
        'every acknowledged message shown after the restart',
      )

      for (const room of rooms) {
        const name = names[room.index]
        const operations = roomOperations[room.kind]
        const stored = await wholeHistory(
          backend.graphqlEndpoint,
          operations.history,
          operations.historyField,
          operations.historyVariables(room),
          { 'x-api-key': backend.apiKey },
        )
        const storedIds = stored.sort(compareMessages).map((message) => message.id)
        expect(storedIds).toEqual(expect.arrayContaining(acknowledged(name)))
        expect(shown(name)).toEqual(storedIds)
        expect(app.rooms.get(name)!.timeline.value.every((entry) => entry.delivery === 'sent')).toBe(true)
        // They lost the connection and got it back by themselves.
        expect(app.linkHistory.get(name)).toContain('disrupted')
        expect(app.linkHistory.get(name)!.at(-1)).toBe('connected')
      }
      // At most the one create on its way when the backend stopped is unacknowledged, per room.
      for (const name of names) expect(acknowledged(name).length).toBeGreaterThanOrEqual(perRoom - 1)
    } finally {
      app.close()
      await backend.stop()
    }
  })
})

/** Resolves true when something accepts a TCP connection on the port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

const portOf = (url: string) => Number(new URL(url).port)

describe('the backend process (npm run backend)', () => {
  const dirs: string[] = []
  const processes: BackendProcess[] = []
  const tempDir = async (name: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), `faults-${name}-`))
    dirs.push(dir)
    return dir
  }
  const startBackend = (args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) => {
    const backend = new BackendProcess(['--no-config', ...args], options)
    processes.push(backend)
    return backend
  }
  afterAll(async () => {
    processes.forEach((backend) => backend.kill())
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
  })

  it.each([
    { signal: 'SIGINT' as const, target: 'group' as const, as: 'Ctrl-C (SIGINT to its process group)' },
    { signal: 'SIGTERM' as const, target: 'process' as const, as: 'SIGTERM' },
  ])(
    'stops on $as during load: no stray process, nothing outside its data folder, a clean restart',
    async ({ signal, target }) => {
      const dataDir = await tempDir('data')
      // Its own working and temporary folders, so anything it writes outside the data folder shows.
      const cwd = await tempDir('cwd')
      const tmp = await tempDir('tmp')
      const env = { ...process.env, TMPDIR: tmp }
      const first = startBackend(['--port', '0', '--cognito-port', '0', '--data-dir', dataDir], { cwd, env })
      const endpoints = await first.ready()
      const load = new BackgroundLoad(endpoints, ['signal-a', 'signal-b'])
      try {
        await load.subscribe(5)
        load.startPublishing(10, 2000)
        await load.busy(50, CEILING_MS)

        first.signal(signal, target)
        const exit = await first.exited(CEILING_MS)
        await load.finished()
        expect(exit, first.output()).toMatchObject({ code: 0 })
        expect(first.output()).toContain('Stopped.')
        expect(first.liveGroupMembers()).toEqual([])
        expect(await listening(portOf(endpoints.graphqlEndpoint))).toBe(false)
        expect(await listening(portOf(endpoints.cognitoEndpoint))).toBe(false)
        expect(await readdir(cwd)).toEqual([])
        // tsx (the launcher, as in `npm run backend`) keeps its transform cache in the temporary folder.
        expect((await readdir(tmp)).filter((name) => !/^tsx-\d+$/.test(name))).toEqual([])
        expect((await readdir(dataDir)).sort()).toEqual(['cognito', 'dynamodb'])
      } finally {
        load.close()
      }

      // The same ports and data: it starts at once and holds every message it acknowledged.
      const again = startBackend(
        [
          '--port',
          String(portOf(endpoints.graphqlEndpoint)),
          '--cognito-port',
          String(portOf(endpoints.cognitoEndpoint)),
          '--data-dir',
          dataDir,
        ],
        { cwd, env },
      )
      const restarted = await again.ready()
      const stored: string[] = []
      for (const roomName of load.rooms) {
        const messages = await wholeHistory(
          restarted.graphqlEndpoint,
          roomChatsByRoomName,
          'roomChatsByRoomName',
          { roomName },
          { 'x-api-key': restarted.apiKey },
        )
        stored.push(...messages.map((message) => message.id))
      }
      expect(stored).toEqual(expect.arrayContaining(load.acknowledged))
      again.signal('SIGTERM', 'process')
      expect(await again.exited()).toMatchObject({ code: 0 })
      expect(again.liveGroupMembers()).toEqual([])
    },
  )

  it('a second backend on the same ports fails at once with a clear message; the first keeps serving', async () => {
    const dataDir = await tempDir('data')
    const cwd = await tempDir('cwd')
    const first = startBackend(['--port', '0', '--cognito-port', '0', '--data-dir', dataDir], { cwd })
    const endpoints = await first.ready()
    const port = portOf(endpoints.graphqlEndpoint)
    const cognitoPort = portOf(endpoints.cognitoEndpoint)
    const load = new BackgroundLoad(endpoints, ['twice'])
    try {
      await load.subscribe(1)

      // As a second `npm run backend` in the same project: same ports, same data folder.
      const second = startBackend(
        ['--port', String(port), '--cognito-port', String(cognitoPort), '--data-dir', dataDir],
        { cwd },
      )
      const exit = await second.exited(CEILING_MS)
      // It gives up without ever serving (no ready line below), rather than waiting for the port.
      expect(exit.code).toBe(1)
      // One line saying which port is taken and which option changes it.
      const lines = second
        .output()
        .split('\n')
        .filter((line) => line.startsWith('npm run backend:'))
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(new RegExp(`\\b${cognitoPort}\\b.*already in use.*--cognito-port`))
      expect(second.output()).not.toContain('Press Ctrl-C')
      expect(second.liveGroupMembers()).toEqual([])

      // Only the GraphQL port taken (its own data folder): the message names that port and its option.
      const third = startBackend(
        ['--port', String(port), '--cognito-port', '0', '--data-dir', await tempDir('data')],
        { cwd },
      )
      expect((await third.exited(CEILING_MS)).code).toBe(1)
      expect(third.output()).toMatch(
        new RegExp(`npm run backend: .*\\b${port}\\b.*already in use.*--port\\b`),
      )
      expect(third.liveGroupMembers()).toEqual([])
      console.log(
        `second backend exited after ${Math.round(exit.afterMs)} ms, third after ${Math.round((await third.exited()).afterMs)} ms`,
      )

      // The first still serves: a create, its delivery to the subscriber it had, and the stored history.
      load.startPublishing(1, 1)
      await load.finished()
      await load.busy(1, CEILING_MS)
      const history = await wholeHistory(
        endpoints.graphqlEndpoint,
        roomChatsByRoomName,
        'roomChatsByRoomName',
        { roomName: 'twice' },
        { 'x-api-key': endpoints.apiKey },
      )
      expect(history.map((message) => message.id)).toEqual(load.acknowledged)
      first.signal('SIGTERM', 'process')
      expect(await first.exited()).toMatchObject({ code: 0 })
    } finally {
      load.close()
    }
  })
})
