import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { useChatRoom } from '@/composables/useChatRoom'
import { useRouteRoom } from '@/composables/useRouteRoom'
import { flushPromises } from './support/deferred'
import { FakeRealtime } from './support/fakeRealtime'
import { FakeRoomSource } from './support/fakeRoomSource'

// The route-to-room logic RoomChatPage and ClosedChatPage share, driven by a real router.
async function mountRoute(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/rooms/:room', component: { render: () => null } }],
  })
  await router.push(path)
  const opened: FakeRoomSource[] = []
  const signedIn = ref(false)
  let routeRoom!: ReturnType<typeof useRouteRoom>
  const Page = defineComponent({
    setup() {
      routeRoom = useRouteRoom((name) => {
        const source = new FakeRoomSource(`${name}:${signedIn.value ? 'in' : 'out'}`)
        opened.push(source)
        return source
      })
      useChatRoom({ source: routeRoom.source, realtime: new FakeRealtime() })
      return () => h('div')
    },
  })
  mount(Page, { global: { plugins: [router] } })
  return { router, opened, signedIn, routeRoom }
}

describe('useRouteRoom', () => {
  it('opens the room the route names, and only that one as the route changes', async () => {
    const { router, opened, routeRoom } = await mountRoute('/rooms/lobby')
    expect(routeRoom.roomName.value).toBe('lobby')
    expect(opened.map((s) => [s.key, s.isSubscribed])).toEqual([['lobby:out', true]])

    await router.push('/rooms/team_42')
    await flushPromises()
    expect(opened.map((s) => [s.key, s.isSubscribed])).toEqual([
      ['lobby:out', false],
      ['team_42:out', true],
    ])
  })

  it('opens nothing for a name the room rules refuse, and says why', async () => {
    const { opened, routeRoom } = await mountRoute('/rooms/no%20spaces')
    expect(routeRoom.problem.value).toBeTruthy()
    expect(routeRoom.source.value).toBeNull()
    expect(opened).toEqual([])
  })

  it('asks for a new source when something the opener reads changes (signing in)', async () => {
    const { opened, signedIn } = await mountRoute('/rooms/lobby')
    signedIn.value = true
    await nextTick()
    expect(opened.map((s) => [s.key, s.isSubscribed])).toEqual([
      ['lobby:out', false],
      ['lobby:in', true],
    ])
  })

  it('remembers each joined room once, after the default ones', async () => {
    const { routeRoom } = await mountRoute('/rooms/lobby')
    const defaults = [...routeRoom.joined.value]
    routeRoom.remember('lobby')
    routeRoom.remember('lobby')
    expect(routeRoom.joined.value).toEqual([...defaults, 'lobby'])
  })
})
