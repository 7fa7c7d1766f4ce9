import { describe, expect, it } from 'vitest'
import { ChallengeSessions } from './challenge-sessions.ts'

describe('challenge sessions', () => {
  it('last as long as the app client’s AuthSessionValidity, on the real clock', () => {
    let now = 1_000_000
    const sessions = new ChallengeSessions<string>(() => now)
    const token = sessions.open('alice', 3 * 60_000)
    expect(Buffer.from(token, 'base64').length).toBe(96)
    now += 3 * 60_000 - 1
    expect(sessions.find(token)).toBe('alice')
    now += 1
    expect(sessions.find(token)).toBeUndefined()
  })

  it('answer once when taken, and never for a token they did not issue', () => {
    const sessions = new ChallengeSessions<string>(() => 0)
    const token = sessions.open('bob', 60_000)
    expect(sessions.take(token)).toBe('bob')
    expect(sessions.take(token)).toBeUndefined()
    expect(sessions.find('made-up')).toBeUndefined()
  })
})
