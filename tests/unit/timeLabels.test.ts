import { describe, expect, it } from 'vitest'
import { calendarDay, dayLabel, exactTime, relativeTime } from '@/domain/timeLabels'

// Local dates: the labels are about the reader's own calendar, whatever the machine's time zone.
const at = (y: number, m: number, d: number, h = 12, min = 0, s = 0) => new Date(y, m - 1, d, h, min, s)

describe('relativeTime', () => {
  const now = at(2026, 3, 10, 15, 30)
  it('says "just now" under a minute, and for a sender whose clock runs ahead', () => {
    expect(relativeTime(now, now)).toBe('just now')
    expect(relativeTime(at(2026, 3, 10, 15, 29, 1), now)).toBe('just now')
    expect(relativeTime(at(2026, 3, 10, 15, 31), now)).toBe('just now')
  })
  it('counts minutes, then hours', () => {
    expect(relativeTime(at(2026, 3, 10, 15, 29), now)).toBe('1 min')
    expect(relativeTime(at(2026, 3, 10, 15, 3), now)).toBe('27 min')
    expect(relativeTime(at(2026, 3, 10, 14, 30), now)).toBe('1 h')
    expect(relativeTime(at(2026, 3, 9, 15, 31), now)).toBe('23 h')
  })
  it('gives the time of day after a day (the day separator says which)', () => {
    const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' })
    expect(relativeTime(at(2026, 3, 9, 15, 30), now, clock)).toBe('15:30')
    expect(relativeTime(at(2025, 12, 31, 8, 5), now, clock)).toBe('08:05')
  })
})

describe('dayLabel', () => {
  const today = calendarDay(at(2026, 3, 1, 0, 10))
  it('names today and yesterday, across a month end', () => {
    expect(dayLabel(at(2026, 3, 1, 23, 59), today)).toBe('Today')
    expect(dayLabel(at(2026, 3, 1, 0, 0), today)).toBe('Today')
    expect(dayLabel(at(2026, 2, 28, 23, 59), today)).toBe('Yesterday')
  })
  it('gives the date before that, with the year only when it is another', () => {
    const earlier = dayLabel(at(2026, 2, 27), today)
    expect(earlier).not.toMatch(/Today|Yesterday|2026/)
    expect(earlier).toContain('27')
    expect(dayLabel(at(2025, 12, 31), today)).toContain('2025')
  })
})

describe('calendarDay', () => {
  it('is one number per local day, consecutive across months, years and clock changes', () => {
    expect(calendarDay(at(2026, 3, 10, 0, 0))).toBe(calendarDay(at(2026, 3, 10, 23, 59)))
    expect(calendarDay(at(2026, 1, 1)) - calendarDay(at(2025, 12, 31))).toBe(1)
    // Every day of a year, daylight-saving changes included wherever the tests run.
    let previous = calendarDay(at(2026, 1, 1))
    for (let day = 2; day <= 365; day++) {
      const next = calendarDay(at(2026, 1, day, 0, 30))
      expect(next - previous).toBe(1)
      previous = next
    }
  })
})

describe('exactTime', () => {
  it('gives the date and the time to the second', () => {
    const text = exactTime(at(2026, 3, 10, 15, 30, 45))
    expect(text).toContain('2026')
    expect(text).toMatch(/45/)
  })
})
