import { generateClient } from 'aws-amplify/api'
import { idToken, userPoolAuthReady } from '../auth/userPool'
import type { ChatApiDependencies } from './chatFeeds'
import { amplifyRealtimeEvents } from './realtimeEvents'

let dependencies: ChatApiDependencies | null = null

/** The app's client, configured by configureAmplify, and its real-time events (created on first use). */
export function defaultChatDependencies(): ChatApiDependencies {
  dependencies ??= {
    client: generateClient(),
    realtime: amplifyRealtimeEvents,
    idToken,
    userPoolReady: userPoolAuthReady,
  }
  return dependencies
}
