import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, effectScope, h, nextTick, shallowRef } from 'vue'
import { mount } from '@vue/test-utils'
import { useChatRoom } from '@/composables/useChatRoom'
import { useTwoColumnLogs } from '@/composables/useTwoColumnLogs'
import type { ChatMessage } from '@/domain/chatMessage'
import type { ChatRoomSource } from '@/services/chatRoomSource'
import { deferred, flushPromises } from './support/deferred'
import { FakeRealtime } from './support/fakeRealtime'
import { FakeRoomSource, message } from './support/fakeRoomSource'

// Each room keeps its draft and unsent messages in sessionStorage (one per test file here): start empty.
beforeEach(() => sessionStorage.clear())

/** What aws-amplify rejects with when the request never reached the server. */
const NETWORK_ERROR = {
  data: {},
  errors: [{ message: 'A network error has occurred.', originalError: { name: 'NetworkError' } }],
}

function setup(source: ChatRoomSource | null = new FakeRoomSource(), pageSize = 50) {
  const realtime = new FakeRealtime()
  const current = shallowRef<ChatRoomSource | null>(source)
  const scope = effectScope()
  const room = scope.run(() => useChatRoom({ source: current, realtime, pageSize }))!
  const logs = scope.run(() => useTwoColumnLogs(room, 3))!
  const ids = () => room.timeline.value.map((entry) => entry.id)
  return { room, logs, realtime, current, scope, ids }
}

describe('useChatRoom: subscribe, then fetch', () => {
  it('subscribes at once but fetches the history only once the subscription is acknowledged', async () => {
    const source = new FakeRoomSource()
    source.create('a')
    const { room, ids } = setup(source)
    await flushPromises()

    expect(source.isSubscribed).toBe(true)
    expect(source.fetchPageCalls).toHaveLength(0)
    expect(room.link.value).toBe('connecting')

    source.events!.onReady()
    await flushPromises()
    expect(source.fetchPageCalls).toHaveLength(1)
    expect(ids()).toEqual(['a'])
    expect(room.link.value).toBe('connected')
    expect(room.historyLoaded.value).toBe(true)
  })

  it('loses nothing created between subscribing and fetching, and shows a message delivered twice once', async () => {
    const source = new FakeRoomSource()
    source.holdFetches = true
    source.create('before-subscribe')
    const { ids } = setup(source)
    source.events!.onReady()
    await flushPromises()
    // The history request is on its way; a message is created meanwhile: the now established
    // subscription delivers it, and the history answer includes it too.
    const during = source.create('during-fetch')
    source.deliver('onCreate', during)
    source.releaseFetches()
    await flushPromises()

    expect(ids()).toEqual(['before-subscribe', 'during-fetch'])
  })

  it('sorts by createdAt whatever the order of arrival', async () => {
    const source = new FakeRoomSource()
    const { ids } = setup(source)
    source.events!.onReady()
    await flushPromises()
    const first = message('first')
    const second = message('second')
    const third = message('third')
    source.deliver('onCreate', third)
    source.deliver('onCreate', first)
    source.deliver('onCreate', second)
    source.deliver('onCreate', first)

    expect(ids()).toEqual(['first', 'second', 'third'])
  })

  it('drops subscription events that arrive after the room was left', async () => {
    const source = new FakeRoomSource()
    const { ids, scope } = setup(source)
    const events = source.events!
    scope.stop()
    events.onCreate(message('late'))
    events.onReady()
    await flushPromises()
    expect(ids()).toEqual([])
    expect(source.isSubscribed).toBe(false)
    // Nothing is asked of a room no longer shown.
    expect(source.fetchPageCalls).toHaveLength(0)
  })
})

describe('useChatRoom: reconnection', () => {
  it('fetches what was missed since the newest message shown once the connection is back', async () => {
    const source = new FakeRoomSource()
    source.create('old')
    const { room, realtime, ids } = setup(source)
    source.events!.onReady()
    await flushPromises()
    const newest = source.create('newest-before-drop')
    source.deliver('onCreate', newest)

    realtime.emitLink('disrupted')
    expect(room.link.value).toBe('disrupted')
    source.create('missed-1')
    source.create('missed-2')
    realtime.emitLink('connecting')
    expect(room.link.value).toBe('connecting')
    expect(source.fetchSinceCalls).toHaveLength(0)

    realtime.emitLink('connected')
    await flushPromises()
    expect(room.link.value).toBe('connected')
    expect(source.fetchSinceCalls).toEqual([newest.createdAt])
    expect(ids()).toEqual(['old', 'newest-before-drop', 'missed-1', 'missed-2'])
  })

  it('catches up again when the subscriptions are re-acknowledged, without duplicates', async () => {
    const source = new FakeRoomSource()
    const { realtime, ids } = setup(source)
    source.events!.onReady()
    await flushPromises()
    source.deliver('onCreate', source.create('a'))
    realtime.emitLink('disrupted')
    source.create('b')
    realtime.emitLink('connected')
    source.events!.onReady()
    await flushPromises()
    expect(source.fetchSinceCalls.length).toBeGreaterThanOrEqual(1)
    expect(ids()).toEqual(['a', 'b'])
  })

  it('does not treat a Connected state as ready before its own subscription was acknowledged', async () => {
    const source = new FakeRoomSource()
    const { room, realtime } = setup(source)
    realtime.emitLink('connected')
    await flushPromises()
    expect(room.link.value).toBe('connecting')
    expect(source.fetchPageCalls).toHaveLength(0)
  })

  it('shows a failed history request with its reason and fetches again on reload', async () => {
    const source = new FakeRoomSource()
    source.failFetchWith = { errors: [{ message: 'Network error' }] }
    const { room, ids } = setup(source)
    source.events!.onReady()
    await flushPromises()
    expect(room.loadError.value).toBe('Network error')
    source.failFetchWith = null
    source.create('a')
    await room.reload()
    expect(room.loadError.value).toBeNull()
    expect(ids()).toEqual(['a'])
  })
})

describe('useChatRoom: switching rooms', () => {
  it('closes the old room before opening the new one and never shows the old room again', async () => {
    const room1 = new FakeRoomSource('room1')
    const room2 = new FakeRoomSource('room2')
    room1.create('r1-a')
    room2.create('r2-a')
    room1.holdFetches = true
    const { current, ids } = setup(room1)
    const room1Events = room1.events!
    room1Events.onReady()
    await flushPromises()

    current.value = room2
    await nextTick()
    expect(room1.isSubscribed).toBe(false)
    expect(room2.isSubscribed).toBe(true)

    // The old room's late answers and events must not leak into the new room.
    room1.releaseFetches()
    room1Events.onCreate(message('r1-late', 'late', { roomName: 'room1' }))
    room1Events.onReady()
    room2.events!.onReady()
    await flushPromises()
    expect(ids()).toEqual(['r2-a'])
    expect(room1.fetchPageCalls).toHaveLength(1)
  })

  it('drops a send, an edit and an older page answered after the room was left', async () => {
    const room1 = new FakeRoomSource('room1')
    const room2 = new FakeRoomSource('room2')
    for (let i = 1; i <= 3; i++) room1.create(`r1-${i}`)
    const a = room1.create('r1-edit', 'before')
    const edited = deferred<ChatMessage>()
    room1.update = () => edited.promise
    const { room, logs, current, ids } = setup(room1, 2)
    room1.events!.onReady()
    await flushPromises()
    const sendAnswer = deferred<ChatMessage>()
    room1.nextSend = sendAnswer
    const sending = room.send('sent in room1')
    const editing = room.edit(a.id, 'after')
    room1.holdFetches = true
    const older = room.loadOlder()
    await flushPromises()
    expect(room.loadingOlder.value).toBe(true)

    current.value = room2
    await nextTick()
    room2.create('r2-a')
    room2.events!.onReady()
    await flushPromises()
    sendAnswer.resolve(message('late-send', 'sent in room1', { roomName: 'room1' }))
    edited.resolve({ ...a, id: 'late-edit', message: 'after' })
    room1.releaseFetches()
    expect(await sending).toEqual({ ok: true })
    expect(await editing).toEqual({ ok: true })
    await older

    expect(ids()).toEqual(['r2-a'])
    expect(room.loadingOlder.value).toBe(false)
    expect(room.hasOlder.value).toBe(false)
    expect(logs.sent.value).toEqual([])
  })

  it('empties the two-column logs when the room changes, and keeps only the newest of each', async () => {
    const room1 = new FakeRoomSource('room1')
    const { room, logs, current } = setup(room1)
    room1.events!.onReady()
    await flushPromises()
    for (const text of ['one', 'two', 'three', 'four']) await room.send(text)
    for (const id of ['d1', 'd2', 'd3', 'd4']) room1.deliver('onCreate', message(id))
    expect(logs.sent.value.map((e) => e.message.message)).toEqual(['two', 'three', 'four'])
    expect(logs.delivered.value.map((e) => e.message.id)).toEqual(['d2', 'd3', 'd4'])

    current.value = new FakeRoomSource('room2')
    await nextTick()
    expect(logs.sent.value).toEqual([])
    expect(logs.delivered.value).toEqual([])
  })

  it('opens nothing while the source is null', async () => {
    const { room } = setup(null)
    await flushPromises()
    expect(room.timeline.value).toEqual([])
    expect(room.link.value).toBe('connecting')
    expect(await room.send('hello')).toEqual({ ok: false, reason: 'The room is closed.' })
  })
})

describe('useChatRoom: sending', () => {
  it('shows the message at once as pending, then as sent with the server id', async () => {
    const source = new FakeRoomSource()
    const { room, logs } = setup(source)
    source.events!.onReady()
    await flushPromises()
    const answer = deferred<ChatMessage>()
    source.nextSend = answer
    const sending = room.send('hello')

    expect(room.timeline.value.map((e) => [e.message, e.delivery])).toEqual([['hello', 'pending']])
    const stored = message('server-id', 'hello', { roomName: 'room1' })
    // The subscription may deliver our own message before the mutation answers.
    source.deliver('onCreate', stored)
    answer.resolve(stored)
    expect(await sending).toEqual({ ok: true })

    expect(room.timeline.value.map((e) => [e.id, e.delivery])).toEqual([['server-id', 'sent']])
    expect(logs.sent.value.map((e) => e.message.id)).toEqual(['server-id'])
    expect(logs.delivered.value.map((e) => e.message.id)).toEqual(['server-id'])
  })

  it('keeps a refused message with the server reason, and retry sends it again', async () => {
    const source = new FakeRoomSource()
    const { room } = setup(source)
    source.events!.onReady()
    await flushPromises()
    const answer = deferred<ChatMessage>()
    source.nextSend = answer
    const sending = room.send('too spicy')
    answer.reject({ errors: [{ message: 'Message is not allowed' }] })

    expect(await sending).toEqual({ ok: false, reason: 'Message is not allowed' })
    const failed = room.timeline.value[0]
    expect(failed).toMatchObject({
      message: 'too spicy',
      delivery: 'failed',
      error: 'Message is not allowed',
    })

    expect(await room.retry(failed.id)).toEqual({ ok: true })
    expect(room.timeline.value.map((e) => [e.message, e.delivery])).toEqual([['too spicy', 'sent']])
    expect(source.sendCalls).toEqual(['too spicy', 'too spicy'])
  })

  it('refuses empty and over-long messages without calling the server', async () => {
    const source = new FakeRoomSource()
    const { room } = setup(source)
    expect((await room.send('   ')).ok).toBe(false)
    expect((await room.send('x'.repeat(2001))).ok).toBe(false)
    expect(source.sendCalls).toEqual([])
    expect(room.timeline.value).toEqual([])
  })

  it('discards a failed message on request', async () => {
    const source = new FakeRoomSource()
    const { room } = setup(source)
    const answer = deferred<ChatMessage>()
    source.nextSend = answer
    const sending = room.send('nope')
    answer.reject(new Error('offline'))
    await sending
    room.discard(room.timeline.value[0].id)
    expect(room.timeline.value).toEqual([])
  })
})

describe('useChatRoom: history, edits and deletions', () => {
  it('loads older pages with the next token and keeps the order', async () => {
    const source = new FakeRoomSource()
    for (let i = 1; i <= 5; i++) source.create(`m${i}`)
    const { room, ids } = setup(source, 2)
    source.events!.onReady()
    await flushPromises()
    expect(ids()).toEqual(['m4', 'm5'])
    expect(room.hasOlder.value).toBe(true)

    await room.loadOlder()
    expect(ids()).toEqual(['m2', 'm3', 'm4', 'm5'])
    await room.loadOlder()
    expect(ids()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5'])
    expect(room.hasOlder.value).toBe(false)
    expect(source.fetchPageCalls.map((c) => c.nextToken ?? null)).toEqual([null, '2', '4'])
  })

  it('applies updates and deletions live, and a deleted message never comes back', async () => {
    const source = new FakeRoomSource()
    const a = source.create('a', 'first version')
    const { room, ids } = setup(source)
    source.events!.onReady()
    await flushPromises()

    source.deliver('onUpdate', {
      ...a,
      message: 'second version',
      updatedAt: new Date(Date.now() + 1000).toISOString(),
    })
    expect(room.timeline.value[0].message).toBe('second version')

    source.deliver('onDelete', { id: 'a' } as typeof a)
    expect(ids()).toEqual([])
    source.deliver('onCreate', a)
    expect(ids()).toEqual([])
  })

  it('edits and deletes through the source when the room allows it', async () => {
    const source = new FakeRoomSource()
    const a = source.create('a', 'before')
    source.update = async (id, text) => ({
      ...a,
      id,
      message: text,
      updatedAt: new Date(Date.now() + 5000).toISOString(),
    })
    source.remove = async () => {}
    const { room, ids } = setup(source)
    source.events!.onReady()
    await flushPromises()

    expect(await room.edit('a', 'after')).toEqual({ ok: true })
    expect(room.timeline.value[0].message).toBe('after')
    expect(await room.remove('a')).toEqual({ ok: true })
    expect(ids()).toEqual([])
  })

  it('says so when the room does not allow edits', async () => {
    const { room } = setup(new FakeRoomSource())
    expect(await room.edit('a', 'x')).toEqual({ ok: false, reason: 'Messages cannot be edited here.' })
  })
})

describe('useChatRoom in a component', () => {
  it('unsubscribes and stops listening when the component unmounts', async () => {
    const source = new FakeRoomSource()
    const realtime = new FakeRealtime()
    const View = defineComponent({
      setup() {
        const room = useChatRoom({ source, realtime })
        return () =>
          h(
            'ul',
            room.timeline.value.map((entry) => h('li', entry.message)),
          )
      },
    })
    const wrapper = mount(View)
    expect(source.isSubscribed).toBe(true)
    expect(realtime.listenerCount).toBeGreaterThan(0)
    wrapper.unmount()
    expect(source.isSubscribed).toBe(false)
    expect(realtime.listenerCount).toBe(0)
  })
})

describe('useChatRoom: nothing unsent is lost', () => {
  it('keeps the draft and the unsent messages across a reload, and sends them once connected', async () => {
    const before = new FakeRoomSource('kept-room')
    const first = setup(before)
    before.events!.onReady()
    await flushPromises()
    first.room.setDraft('half a thought')
    const answer = deferred<ChatMessage>()
    before.nextSend = answer
    const sending = first.room.send('sent while the backend was down')
    answer.reject(NETWORK_ERROR)
    expect(await sending).toMatchObject({ ok: false, willRetry: true })
    first.scope.stop() // the page reloads

    const after = new FakeRoomSource('kept-room')
    const second = setup(after)
    expect(second.room.draft.value).toBe('half a thought')
    expect(second.room.timeline.value).toMatchObject([
      { message: 'sent while the backend was down', delivery: 'failed' },
    ])
    // Another room keeps its own.
    expect(setup(new FakeRoomSource('other-room')).room.draft.value).toBe('')

    after.events!.onReady()
    await flushPromises()
    expect(after.sendCalls).toEqual(['sent while the backend was down'])
    expect(second.room.timeline.value.map((e) => [e.message, e.delivery])).toEqual([
      ['sent while the backend was down', 'sent'],
    ])
    second.room.setDraft('')
    await flushPromises()
    expect(sessionStorage.getItem('chat-room:kept-room')).toBeNull()
  })

  it('sends a message that failed for want of a connection again when the connection is back', async () => {
    const source = new FakeRoomSource()
    const { room, realtime } = setup(source)
    source.events!.onReady()
    await flushPromises()
    realtime.emitLink('disrupted')
    const answers = [deferred<ChatMessage>(), deferred<ChatMessage>()]
    source.nextSend = answers[0]
    const lost = room.send('lost')
    answers[0].reject(NETWORK_ERROR)
    await lost
    source.nextSend = answers[1]
    const refused = room.send('refused')
    answers[1].reject({ errors: [{ message: 'Message is not allowed', errorType: 'Unauthorized' }] })
    await refused
    expect(room.timeline.value.map((e) => e.delivery)).toEqual(['failed', 'failed'])

    realtime.emitLink('connected')
    await flushPromises()
    // Only the one the server never saw goes out again; the refused one waits for the user's Retry.
    expect(source.sendCalls).toEqual(['lost', 'refused', 'lost'])
    expect(room.timeline.value.map((e) => [e.message, e.delivery])).toEqual([
      ['lost', 'sent'],
      ['refused', 'failed'],
    ])
  })

  it('keeps at most a bounded number of unsent messages per room', async () => {
    const source = new FakeRoomSource('bounded')
    const { room } = setup(source)
    for (let n = 0; n < 30; n++) {
      const answer = deferred<ChatMessage>()
      source.nextSend = answer
      const sending = room.send(`m${n}`)
      answer.reject(NETWORK_ERROR)
      await sending
    }
    const kept = JSON.parse(sessionStorage.getItem('chat-room:bounded') ?? '{}') as { unsent: unknown[] }
    expect(kept.unsent).toHaveLength(20)
  })
})

describe('useChatRoom: reconnect now', () => {
  it('asks the real-time events to reconnect', () => {
    const { room, realtime } = setup()
    room.reconnect()
    expect(realtime.reconnects).toBe(1)
  })
})
