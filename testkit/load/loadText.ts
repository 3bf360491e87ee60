/**
 * A load message's text carries who sent it, its place in that publisher's sequence and its send time
 * (`load <publisher> <seq> <epoch ms>`), so every check is made on what arrived, not on local state.
 */

/** Milliseconds on one clock shared by publishers and subscribers (all in one process). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now()
}

export function loadText(publisher: number, seq: number, sentAt: number): string {
  return `load ${publisher} ${seq} ${sentAt.toFixed(3)}`
}

export interface LoadTextFields {
  publisher: number
  seq: number
  sentAt: number
}

const TEXT = /^load (\d+) (\d+) (\d+(?:\.\d+)?)$/

export function parseLoadText(text: unknown): LoadTextFields | undefined {
  const match = typeof text === 'string' ? TEXT.exec(text) : null
  return match ? { publisher: Number(match[1]), seq: Number(match[2]), sentAt: Number(match[3]) } : undefined
}

export function messageKey(publisher: number, seq: number): string {
  return `${publisher}:${seq}`
}
