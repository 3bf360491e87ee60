import { EventEmitter } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LocalBackend } from '../../local-backend/src/startLocalBackend'
import { createSubscriberIndex } from '../../local-backend/src/simulator/subscriberIndex'
import { matchesSubscriptionArguments } from '../../local-backend/src/simulator/subscriptionFilter'
import { configureAmplify } from '../../testkit/backend/amplifyClient'
import { subscribeAndWait, type LiveSubscription } from '../../testkit/backend/amplifySubscription'
import { startFidelityBackend } from './fidelityFixture'

// The subscriber index (local-backend/src/simulator/subscriberIndex.ts) only pre-selects which subscribers
// see an event; AppSync's rules decide (arguments match same-named selected fields by equality, arguments
// left null do not filter, enhanced filters apply on top:
// https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html,
// https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-enhanced-filtering.html).
// These tests check that it never withholds an event a subscriber's own check would accept, and that it
// does narrow: an indexed subscriber is not even handed another room's events.

describe('the index against every subscriber checking every event (in process)', () => {
  const FIELDS = new Set(['roomName', 'tag', 'priority', 'done'])
  // Values chosen to collide under loose comparisons: "1" and 1, 0 and false, "" and null, lists, objects.
  const VALUES: unknown[] = ['a', 'b', '1', 1, 0, -0, 2.5, '', true, false, null, undefined, ['a'], { a: 1 }]
  const NAMES = [...FIELDS, 'filter']

  // A small deterministic generator (mulberry32): a failing case can be replayed.
  function random(seed: number) {
    let state = seed >>> 0
    return (n: number) => {
      state = (state + 0x6d2b79f5) >>> 0
      let t = state
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n)
    }
  }
  // Each name present with the given chance (in per cent), holding one of VALUES.
  function randomRecord(next: (n: number) => number, names: string[], presentPercent: number) {
    const record: Record<string, unknown> = {}
    for (const name of names) {
      if (next(100) >= presentPercent) continue
      record[name] = VALUES[next(VALUES.length)]
    }
    return record
  }

  it('hands each subscriber every event its argument check accepts, and an indexed one nothing else', () => {
    const next = random(11)
    const ee = new EventEmitter()
    ee.setMaxListeners(0)
    const index = createSubscriberIndex(ee)
    const subscribers = Array.from({ length: 400 }, (_, id) => {
      const field = next(2) === 0 ? 'onCreateNote' : 'onUpdateNote'
      const args = randomRecord(next, NAMES, 35)
      const { channel } = index.channelFor(field, args, FIELDS)
      const received: number[] = []
      ee.on(channel, (payload: { seq: number }) => received.push(payload.seq))
      return { id, field, args, channel, received }
    })
    const events = Array.from({ length: 2000 }, (_, seq) => ({
      field: next(2) === 0 ? 'onCreateNote' : 'onUpdateNote',
      payload: { ...randomRecord(next, [...FIELDS], 90), seq },
    }))
    for (const { field, payload } of events) ee.emit(field, payload)

    let indexed = 0
    let indexedDeliveries = 0
    for (const subscriber of subscribers) {
      const accepted = events
        .filter((e) => e.field === subscriber.field)
        .filter((e) => matchesSubscriptionArguments(e.payload, subscriber.args, FIELDS))
        .map((e) => e.payload.seq)
      // Nothing withheld: what the subscriber's own check accepts among what it received is everything.
      const received = new Set(subscriber.received)
      expect(
        accepted.filter((seq) => !received.has(seq)),
        `subscriber ${JSON.stringify(subscriber)}`,
      ).toEqual([])
      if (subscriber.channel !== subscriber.field) {
        indexed++
        // Narrowed: an indexed subscriber receives exactly the events its arguments match.
        expect(subscriber.received).toEqual(accepted)
        indexedDeliveries += accepted.length
      } else {
        // Not indexed: it sees every event of its field and decides itself.
        expect(subscriber.received.length).toBe(events.filter((e) => e.field === subscriber.field).length)
      }
    }
    // The generator made both kinds (a guard against a test that silently checks only one).
    expect(indexed).toBeGreaterThan(50)
    expect(subscribers.length - indexed).toBeGreaterThan(50)
    expect(indexedDeliveries).toBeGreaterThan(1000)
  })

  it('keeps no channel for subscribers that ended, and feeds the ones that remain', () => {
    const ee = new EventEmitter()
    const index = createSubscriberIndex(ee)
    const fields = new Set(['roomName'])
    const first = index.channelFor('onCreateNote', { roomName: 'a' }, fields)
    const second = index.channelFor('onCreateNote', { roomName: 'a' }, fields)
    expect(second.channel).toBe(first.channel)
    const received: string[] = []
    ee.on(second.channel, (p: { title: string }) => received.push(p.title))
    first.release()
    first.release()
    ee.emit('onCreateNote', { roomName: 'a', title: 'after one left' })
    expect(received).toEqual(['after one left'])

    second.release()
    const emitted: string[] = []
    const emit = EventEmitter.prototype.emit
    const spy = new EventEmitter()
    const spiedIndex = createSubscriberIndex(
      Object.assign(spy, {
        emit(this: EventEmitter, event: string, ...rest: unknown[]) {
          emitted.push(event)
          return emit.call(this, event, ...rest)
        },
      }),
    )
    spiedIndex.channelFor('onCreateNote', { roomName: 'a' }, fields).release()
    spy.emit('onCreateNote', { roomName: 'a' })
    expect(emitted).toEqual(['onCreateNote'])
  })
})

// Through the real backend and aws-amplify v6 on the fidelity fixture's API
// (tests/integration/fixtures/fidelity): subscribers of every kind at once, events for all of them.
describe('every subscriber gets exactly what AppSync would send it (local backend, aws-amplify v6)', () => {
  let backend: LocalBackend
  let amplify: ReturnType<typeof configureAmplify>

  beforeAll(async () => {
    backend = await startFidelityBackend()
    amplify = configureAmplify(backend.config)
  })
  afterAll(() => backend?.stop())

  interface NoteInput {
    title: string
    roomName?: string
    tag?: string
  }
  const noteFields = 'id title roomName tag'
  const byRoom = `subscription OnCreateNoteByRoom($roomName: String) { onCreateNoteByRoom(roomName: $roomName) { ${noteFields} } }`
  const byFilter = `subscription OnCreateNote($filter: ModelSubscriptionNoteFilterInput) { onCreateNote(filter: $filter) { ${noteFields} } }`
  const createNote = (selection: string) =>
    `mutation CreateNote($input: CreateNoteInput!) { createNote(input: $input) { ${selection} } }`

  // Each subscriber with the rule it follows on AppSync, written out independently of the backend's code.
  // `selected` says whether the mutation selected roomName (an argument matches only a selected field).
  type Rule = (note: NoteInput, selectedRoomName: boolean) => boolean
  const inRoom =
    (room: string): Rule =>
    (note, selected) =>
      selected && note.roomName === room
  const subscribers: { name: string; query: string; variables?: Record<string, unknown>; rule: Rule }[] = [
    { name: 'room a (1)', query: byRoom, variables: { roomName: 'a' }, rule: inRoom('a') },
    { name: 'room a (2)', query: byRoom, variables: { roomName: 'a' }, rule: inRoom('a') },
    { name: 'room b', query: byRoom, variables: { roomName: 'b' }, rule: inRoom('b') },
    { name: 'room "1"', query: byRoom, variables: { roomName: '1' }, rule: inRoom('1') },
    { name: 'room a::b', query: byRoom, variables: { roomName: 'a::b' }, rule: inRoom('a::b') },
    { name: 'no argument', query: byRoom, rule: () => true },
    { name: 'roomName null', query: byRoom, variables: { roomName: null }, rule: () => true },
    {
      name: 'filter roomName eq a',
      query: byFilter,
      variables: { filter: { roomName: { eq: 'a' } } },
      rule: (note, selected) => selected && note.roomName === 'a',
    },
    {
      name: 'filter tag eq x',
      query: byFilter,
      variables: { filter: { tag: { eq: 'x' } } },
      rule: (note) => note.tag === 'x',
    },
    { name: 'model subscription, no filter', query: byFilter, rule: () => true },
  ]
  const events: { input: NoteInput; selectsRoomName: boolean }[] = []
  let sequence = 0
  const add = (input: Omit<NoteInput, 'title'>, selectsRoomName = true) =>
    events.push({ input: { title: `n${++sequence}`, ...input }, selectsRoomName })
  for (let round = 0; round < 3; round++) {
    add({ roomName: 'a' })
    add({ roomName: 'b', tag: 'x' })
    add({ roomName: '1' })
    add({ roomName: 'a::b' })
    add({ roomName: 'a', tag: 'x' }, false)
    add({ roomName: 'nobody' })
    add({})
    add({ roomName: 'A' })
  }
  // Last, received by the barrier subscriber ("no argument"), which shares the other subscriptions' socket.
  const last: NoteInput = { title: 'last', roomName: 'barrier' }

  it('with arguments, null arguments, no arguments and filters at once; nothing lost, nothing extra', async () => {
    const live: LiveSubscription<{ title: string }>[] = []
    try {
      // One at a time: an acknowledgement is matched by operation name and variables.
      for (const { query, variables } of subscribers) {
        live.push(await subscribeAndWait(amplify.client, { query, variables, authMode: 'apiKey' }))
      }
      for (const { input, selectsRoomName } of [...events, { input: last, selectsRoomName: true }]) {
        await amplify.client.graphql({
          query: createNote(selectsRoomName ? noteFields : 'id title tag'),
          variables: { input },
          authMode: 'apiKey',
        } as never)
      }
      // aws-amplify v6 carries all of one client's subscriptions on one WebSocket, and the backend writes
      // each event to it as it is published: once the last event is in, every earlier one has been sent.
      const barrier = live[subscribers.findIndex((s) => s.name === 'no argument')]
      await barrier.waitFor(events.length + 1)

      const expected = subscribers.map(({ name, rule }) => ({
        name,
        titles: [...events, { input: last, selectsRoomName: true }]
          .filter((e) => rule(e.input, e.selectsRoomName))
          .map((e) => e.input.title),
      }))
      await expect
        .poll(
          () => subscribers.map(({ name }, i) => ({ name, titles: live[i].items.map((item) => item.title) })),
          { timeout: 30_000 },
        )
        .toEqual(expected)
      expect(live.flatMap((l) => l.errors)).toEqual([])
      // The rows above exercise both paths: events some indexed subscribers get and others do not.
      expect(expected.find((e) => e.name === 'room a (1)')!.titles.length).toBe(3)
    } finally {
      live.forEach((l) => l.unsubscribe())
    }
  })

  it('a subscriber that leaves a room does not take the others of that room with it', async () => {
    const subscribe = () =>
      subscribeAndWait<{ title: string }>(amplify.client, {
        query: byRoom,
        variables: { roomName: 'leaving' },
        authMode: 'apiKey',
      })
    const leaving = await subscribe()
    const staying = await subscribe()
    try {
      const before = backend.subscriptionCount()
      leaving.unsubscribe()
      await expect.poll(() => backend.subscriptionCount(), { timeout: 30_000 }).toBe(before - 1)
      await amplify.client.graphql({
        query: createNote(noteFields),
        variables: { input: { title: 'after one left', roomName: 'leaving' } },
        authMode: 'apiKey',
      } as never)
      await staying.waitFor(1)
      expect(staying.items.map((item) => item.title)).toEqual(['after one left'])
      expect(leaving.items).toEqual([])
    } finally {
      staying.unsubscribe()
    }
  })
})
