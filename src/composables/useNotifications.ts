import { ref } from 'vue'
import { defaultLocalStorage } from './localList'

// Opt-in browser notifications: permission is asked only when the user clicks "Notify me"; nothing is
// shown unless it was granted and the user kept it on, and only while the tab is hidden.
export const NOTIFY_KEY = 'chat-notify'

export type NotifyState = 'unsupported' | 'off' | 'on' | 'denied'

export interface NotificationApi {
  readonly permission: NotificationPermission
  requestPermission(): Promise<NotificationPermission>
  new (title: string, options?: NotificationOptions): Notification
}

function browserNotifications(): NotificationApi | null {
  return typeof Notification === 'undefined' ? null : (Notification as unknown as NotificationApi)
}

export function useNotifications(
  api: NotificationApi | null = browserNotifications(),
  storage: Storage | null = defaultLocalStorage(),
) {
  const stateNow = (): NotifyState => {
    if (!api) return 'unsupported'
    if (api.permission === 'denied') return 'denied'
    let wanted: boolean
    try {
      wanted = storage?.getItem(NOTIFY_KEY) === 'on'
    } catch {
      wanted = false
    }
    return wanted && api.permission === 'granted' ? 'on' : 'off'
  }
  const state = ref<NotifyState>(stateNow())

  const remember = (on: boolean) => {
    try {
      if (on) storage?.setItem(NOTIFY_KEY, 'on')
      else storage?.removeItem(NOTIFY_KEY)
    } catch {
      // Storage unavailable: the choice holds for this visit.
    }
  }

  return {
    state,
    /** "Notify me": asks the browser once, and turns notifications on when allowed. */
    async enable(): Promise<void> {
      if (!api) return
      const permission = api.permission === 'granted' ? 'granted' : await api.requestPermission()
      if (permission === 'granted') {
        remember(true)
        state.value = 'on'
      } else {
        state.value = permission === 'denied' ? 'denied' : 'off'
      }
    },
    disable(): void {
      remember(false)
      state.value = stateNow()
    },
    /** Shows a notification when on and the page is hidden; nothing otherwise. */
    notify(title: string, body: string, hidden: boolean, tag?: string): void {
      if (!api || !hidden || state.value !== 'on' || api.permission !== 'granted') return
      try {
        new api(title, { body, tag })
      } catch {
        // Some browsers (Android Chrome) allow notifications only from a service worker: nothing shown.
      }
    },
  }
}
