import { describe, expect, it } from 'vitest'
import {
  announcementProblem,
  announcementText,
  createSeenIds,
  GROUPS_PER_SUBSCRIPTION,
  splitGroups,
} from '@/domain/announcements'
import { canPostInTeam, groupsClaim, readableTeams } from '@/domain/teams'

describe('splitGroups', () => {
  it('puts at most 8 groups in each subscription, every group once, in a stable order', () => {
    const groups = Array.from({ length: 20 }, (_, i) => `G${String(i).padStart(2, '0')}`).reverse()
    const chunks = splitGroups([...groups, 'G03', 'G07'])
    expect(chunks.map((chunk) => chunk.length)).toEqual([8, 8, 4])
    expect(chunks.every((chunk) => chunk.length <= GROUPS_PER_SUBSCRIPTION)).toBe(true)
    expect(chunks.flat()).toEqual([...groups].sort())
    expect(splitGroups(groups)).toEqual(chunks)
  })

  it('gives one subscription for up to 8 groups, none for none', () => {
    expect(splitGroups(['TeamRed'])).toEqual([['TeamRed']])
    expect(splitGroups(Array.from({ length: 8 }, (_, i) => `g${i}`))).toHaveLength(1)
    expect(splitGroups(Array.from({ length: 9 }, (_, i) => `g${i}`))).toHaveLength(2)
    expect(splitGroups([])).toEqual([])
    expect(() => splitGroups(['a'], 0)).toThrow(RangeError)
  })
})

describe('createSeenIds', () => {
  it('accepts an id once', () => {
    const seen = createSeenIds(3)
    expect(seen.add('a')).toBe(true)
    expect(seen.add('a')).toBe(false)
    expect(seen.add('b')).toBe(true)
    expect(seen.has('a')).toBe(true)
  })

  it('keeps at most `capacity` ids, forgetting the oldest first', () => {
    const seen = createSeenIds(3)
    for (const id of ['a', 'b', 'c', 'd']) seen.add(id)
    expect(seen.size).toBe(3)
    expect(seen.has('a')).toBe(false)
    expect(['b', 'c', 'd'].every((id) => seen.has(id))).toBe(true)
    // A repeat does not take a slot: 'b' is still the oldest and goes next.
    expect(seen.add('c')).toBe(false)
    seen.add('e')
    expect(seen.has('b')).toBe(false)
    expect(seen.has('c')).toBe(true)
  })

  it('stays bounded over many ids', () => {
    const seen = createSeenIds(500)
    for (let i = 0; i < 10_000; i++) seen.add(`id-${i}`)
    expect(seen.size).toBe(500)
    expect(seen.has('id-9999')).toBe(true)
    expect(seen.has('id-9499')).toBe(false)
  })
})

describe('announcement text and form rules', () => {
  it("shows data.message, else the data's JSON", () => {
    expect(announcementText('{"message":"v2 is out"}')).toBe('v2 is out')
    expect(announcementText({ message: 'as object' })).toBe('as object')
    expect(announcementText('{"level":3}')).toBe('{"level":3}')
    expect(announcementText('not json')).toBe('not json')
  })

  it('refuses a bad topic, an empty text and no groups', () => {
    expect(announcementProblem('news', 'hello', ['TeamRed'])).toBeNull()
    expect(announcementProblem('news flash', 'hello', ['TeamRed'])).toMatch(/topic/)
    expect(announcementProblem('news', '  ', ['TeamRed'])).toMatch(/Write/)
    expect(announcementProblem('news', 'hello', [])).toMatch(/group/)
  })
})

describe('teams from groups', () => {
  it("offers a member their teams, an Admin every team, and posting only in one's own", () => {
    expect(readableTeams(['TeamBlue'])).toEqual(['TeamBlue'])
    expect(readableTeams(['TeamBlue', 'TeamRed', 'Other'])).toEqual(['TeamRed', 'TeamBlue'])
    expect(readableTeams(['Admins'])).toEqual(['TeamRed', 'TeamBlue', 'TeamGreen'])
    expect(readableTeams([])).toEqual([])
    expect(canPostInTeam(['Admins'], 'TeamRed')).toBe(false)
    expect(canPostInTeam(['Admins', 'TeamRed'], 'TeamRed')).toBe(true)
  })

  it('reads the cognito:groups claim defensively', () => {
    expect(groupsClaim(['TeamRed', 3, null])).toEqual(['TeamRed'])
    expect(groupsClaim(undefined)).toEqual([])
    expect(groupsClaim('TeamRed')).toEqual([])
  })
})
