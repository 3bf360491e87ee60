import { createRouter, createWebHistory } from 'vue-router'
import type { RouteRecordRaw } from 'vue-router'
import { DEFAULT_ROOMS } from '../domain/messageRules'

// A module of its own, so that only the sign-in page's chunk carries it, not the entry.
export { safeRedirect } from './safeRedirect'

// Every page is its own chunk: /open does not download the Authenticator, the closed, team or room chats.
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('../pages/HomePage.vue'), meta: { title: 'Home' } },
  {
    path: '/open',
    name: 'open',
    component: () => import('../pages/OpenChatPage.vue'),
    meta: { title: 'Open Chat' },
  },
  { path: '/rooms', redirect: `/rooms/${DEFAULT_ROOMS[0]}` },
  {
    path: '/rooms/:room',
    name: 'rooms',
    component: () => import('../pages/RoomChatPage.vue'),
    meta: { title: 'Room Chat' },
  },
  { path: '/closed', redirect: `/closed/${DEFAULT_ROOMS[0]}` },
  {
    path: '/closed/:room',
    name: 'closed',
    component: () => import('../pages/ClosedChatPage.vue'),
    meta: { title: 'Closed Chat' },
  },
  {
    path: '/team/:team?',
    name: 'team',
    component: () => import('../pages/TeamChatPage.vue'),
    meta: { title: 'Team Chat' },
  },
  {
    path: '/signin',
    name: 'signin',
    component: () => import('../pages/SignInPage.vue'),
    meta: { title: 'Sign in' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../pages/NotFoundPage.vue'),
    meta: { title: 'Not found' },
  },
]

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes })
  router.afterEach((to) => {
    const title = typeof to.meta.title === 'string' ? to.meta.title : null
    document.title = title ? `${title} · Amplify Realtime Chat` : 'Amplify Realtime Chat'
  })
  return router
}
