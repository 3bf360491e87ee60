import { describe, expect, it } from 'vitest'
import { isValidRoomName, messageProblem, roomNameProblem } from '@/domain/messageRules'
import { safeRedirect } from '@/router'
import { errorMessage } from '@/services/errorMessage'

describe('message and room rules (same as the server)', () => {
  it('refuses empty, blank and over-long messages', () => {
    expect(messageProblem('')).not.toBeNull()
    expect(messageProblem(' \n\t ')).not.toBeNull()
    expect(messageProblem('x'.repeat(2000))).toBeNull()
    expect(messageProblem('x'.repeat(2001))).toMatch(/2000/)
  })

  it('accepts room names of letters, digits, - and _ up to 64 characters', () => {
    expect(isValidRoomName('room_1-A')).toBe(true)
    expect(isValidRoomName('a'.repeat(64))).toBe(true)
    for (const bad of ['', 'a'.repeat(65), 'room 1', 'room/1', 'rööm', '<b>']) {
      expect(isValidRoomName(bad)).toBe(false)
      expect(roomNameProblem(bad)).not.toBeNull()
    }
  })
})

describe('errorMessage', () => {
  it('reads GraphQL errors, Errors and strings', () => {
    expect(errorMessage({ errors: [{ message: 'A' }, { message: 'B' }, { message: 'A' }] })).toBe('A B')
    expect(errorMessage(new Error('boom'))).toBe('boom')
    expect(errorMessage('plain')).toBe('plain')
    expect(errorMessage(undefined)).toMatch(/went wrong/)
  })
})

describe('safeRedirect', () => {
  it('allows in-app paths only', () => {
    expect(safeRedirect('/closed/room1?x=1')).toBe('/closed/room1?x=1')
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      undefined,
      ['/a'],
      '/signin',
      '/signin?redirect=/',
    ]) {
      expect(safeRedirect(bad)).toBe('/')
    }
  })
})
