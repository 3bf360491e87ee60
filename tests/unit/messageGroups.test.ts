import { describe, expect, it } from 'vitest'
import { continuesGroup, GROUP_WINDOW_MS, startsDay } from '@/domain/messageGroups'

interface Row {
  createdAt: string
  author: string | null
}
const row = (author: string | null, date: Date): Row => ({ author, createdAt: date.toISOString() })
const authorOf = (entry: Row) => entry.author
const at = (h: number, min: number, s = 0, d = 10) => new Date(2026, 2, d, h, min, s)

describe('continuesGroup', () => {
  it('groups one author within five minutes', () => {
    expect(GROUP_WINDOW_MS).toBe(5 * 60_000)
    expect(continuesGroup(row('ann', at(10, 0)), row('ann', at(10, 4, 59)), authorOf)).toBe(true)
    expect(continuesGroup(row('ann', at(10, 0)), row('ann', at(10, 5)), authorOf)).toBe(true)
    expect(continuesGroup(row('ann', at(10, 0)), row('ann', at(10, 5, 1)), authorOf)).toBe(false)
  })
  it('starts a new group for another author, an unknown one, or the first message', () => {
    expect(continuesGroup(row('ann', at(10, 0)), row('bob', at(10, 1)), authorOf)).toBe(false)
    expect(continuesGroup(row(null, at(10, 0)), row(null, at(10, 1)), authorOf)).toBe(false)
    expect(continuesGroup(row('ann', at(10, 0)), row(null, at(10, 1)), authorOf)).toBe(false)
    expect(continuesGroup(undefined, row('ann', at(10, 1)), authorOf)).toBe(false)
  })
  it('never groups across midnight, nor a message older than the one above', () => {
    expect(continuesGroup(row('ann', at(23, 58, 0, 9)), row('ann', at(0, 1, 0, 10)), authorOf)).toBe(false)
    expect(continuesGroup(row('ann', at(10, 1)), row('ann', at(10, 0)), authorOf)).toBe(false)
  })
})

describe('startsDay', () => {
  it('marks the first message and the first of each local day', () => {
    expect(startsDay(undefined, row('ann', at(10, 0)))).toBe(true)
    expect(startsDay(row('ann', at(0, 0)), row('ann', at(23, 59)))).toBe(false)
    expect(startsDay(row('ann', at(23, 59, 59, 9)), row('ann', at(0, 0, 0, 10)))).toBe(true)
  })
})
