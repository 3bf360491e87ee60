import type { LinkState, RealtimeEvents, SubscriptionAck } from '@/services/realtimeEvents'

/** Stands in for aws-amplify's Hub 'api' channel: tests emit link states and start acknowledgements. */
export class FakeRealtime implements RealtimeEvents {
  private linkListeners = new Set<(state: LinkState) => void>()
  private ackListeners = new Set<(ack: SubscriptionAck) => void>()

  onLinkState(listener: (state: LinkState) => void): () => void {
    this.linkListeners.add(listener)
    return () => this.linkListeners.delete(listener)
  }

  onSubscriptionAck(listener: (ack: SubscriptionAck) => void): () => void {
    this.ackListeners.add(listener)
    return () => this.ackListeners.delete(listener)
  }

  reconnects = 0

  reconnect(): void {
    this.reconnects++
  }

  emitLink(state: LinkState): void {
    this.linkListeners.forEach((listener) => listener(state))
  }

  emitAck(field: string, variables: Record<string, unknown> = {}): void {
    this.ackListeners.forEach((listener) => listener({ field, variables }))
  }

  get listenerCount(): number {
    return this.linkListeners.size + this.ackListeners.size
  }
}
