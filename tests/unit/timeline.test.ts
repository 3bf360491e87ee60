import { describe, expect, it } from 'vitest'
import { asSent } from '@/domain/chatMessage'
import { compareMessages, mergeMessages, newestCreatedAt, removeMessage } from '@/domain/timeline'

const at = (id: string, second: number, extra: object = {}) => ({
  id,
  message: id,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
  ...extra,
})

describe('timeline merge', () => {
  it('orders by createdAt, then id for the same instant', () => {
    const merged = mergeMessages([], [at('c', 3), at('b', 1), at('a', 1)])
    expect(merged.map((m) => m.id)).toEqual(['a', 'b', 'c'])
    expect(compareMessages(at('a', 1), at('a', 1))).toBe(0)
  })

  it('orders a newest-first history page oldest first', () => {
    expect(mergeMessages([], [at('c', 3), at('b', 2), at('a', 1)]).map((m) => m.id)).toEqual(['a', 'b', 'c'])
    expect(mergeMessages([], [at('a', 1), at('b', 2), at('c', 3)]).map((m) => m.id)).toEqual(['a', 'b', 'c'])
  })

  it('keeps one entry per id and returns the same array when nothing changed', () => {
    const timeline = mergeMessages([], [at('a', 1), at('b', 2)])
    const again = mergeMessages(timeline, [at('a', 1), at('b', 2)])
    expect(again).toBe(timeline)
    expect(mergeMessages(timeline, [at('a', 1), at('a', 1), at('c', 3)]).map((m) => m.id)).toEqual([
      'a',
      'b',
      'c',
    ])
  })

  it('inserts older messages in place and appends newer ones', () => {
    const timeline = mergeMessages([], [at('b', 2), at('d', 4)])
    expect(mergeMessages(timeline, [at('e', 5), at('a', 1), at('c', 3)]).map((m) => m.id)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ])
  })

  it('puts an older page (newest first) before everything shown, and a newer batch after it', () => {
    const timeline = mergeMessages([], [at('d', 4), at('c', 3)])
    const withOlder = mergeMessages(timeline, [at('b', 2), at('a', 1)])
    expect(withOlder.map((m) => m.id)).toEqual(['a', 'b', 'c', 'd'])
    expect(withOlder.every((m) => m.delivery === 'sent')).toBe(true)
    expect(mergeMessages(withOlder, [at('e', 5), at('f', 6)]).map((m) => m.id)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
    ])
    // The newest shown again at the end of a batch, or a batch that straddles what is shown: one entry per id.
    expect(mergeMessages(withOlder, [at('d', 4), at('e', 5)]).map((m) => m.id)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ])
    expect(mergeMessages(timeline, [at('a', 1), at('c', 3)]).map((m) => m.id)).toEqual(['a', 'c', 'd'])
    expect(mergeMessages(timeline, [at('b', 2), at('e', 5)]).map((m) => m.id)).toEqual(['b', 'c', 'd', 'e'])
  })

  it('lets a later edit win and ignores an older copy', () => {
    const original = at('a', 1, { updatedAt: '2026-01-01T00:00:01.000Z' })
    const edited = { ...original, message: 'edited', updatedAt: '2026-01-01T00:01:00.000Z' }
    const timeline = mergeMessages([], [edited])
    expect(mergeMessages(timeline, [original])).toBe(timeline)
    expect(mergeMessages([asSent(original)], [edited])[0].message).toBe('edited')
  })

  it('never brings back a deleted id', () => {
    expect(mergeMessages([], [at('a', 1)], new Set(['a']))).toEqual([])
  })

  it('removes by id and reports the newest createdAt', () => {
    const timeline = mergeMessages([], [at('a', 1), at('b', 2)])
    expect(removeMessage(timeline, 'a').map((m) => m.id)).toEqual(['b'])
    expect(removeMessage(timeline, 'zzz')).toBe(timeline)
    expect(newestCreatedAt(timeline)).toBe(at('b', 2).createdAt)
    expect(newestCreatedAt([])).toBeNull()
  })
})
