/**
 * The one place that touches aws-amplify's real-time internals (written against
 * @aws-amplify/api-graphql 4.10; tests/unit/amplifyReconnect.test.ts checks the installed version still
 * has this shape). aws-amplify v6 offers no public way to reconnect a dropped subscription socket: its
 * provider retries by itself on a fixed schedule (`ReconnectionMonitor`: once about 5 s after a drop,
 * then every minute). The provider comes with every Hub `api` connection-state event
 * (`payload.data.provider`); its `reconnectionMonitor._triggerReconnect()` is what that schedule calls,
 * restarting every subscription of the socket. When the shape is not there, the fallback makes
 * aws-amplify's own network monitor see the network go and come back (`offline` then `online` on
 * `window`), which starts its reconnection, after its own delay.
 */
interface ProviderWithMonitor {
  reconnectionMonitor: { _triggerReconnect: () => void }
}

function hasReconnectionMonitor(provider: unknown): provider is ProviderWithMonitor {
  const monitor = (provider as { reconnectionMonitor?: { _triggerReconnect?: unknown } } | null)
    ?.reconnectionMonitor
  return typeof monitor?._triggerReconnect === 'function'
}

/** Asks aws-amplify to open the socket of `provider` again and restart its subscriptions, now. */
export function triggerReconnect(provider: unknown, target: Window | undefined = globalThis.window): void {
  if (hasReconnectionMonitor(provider)) {
    provider.reconnectionMonitor._triggerReconnect()
    return
  }
  target?.dispatchEvent(new Event('offline'))
  target?.dispatchEvent(new Event('online'))
}
