import { describe, expect, it } from 'vitest'
import { roleOfGroups, sessionUserOf } from './session-user.ts'

describe('the session user', () => {
  it('takes the role from the groups, operator first', () => {
    expect(roleOfGroups(['viewer', 'operator'])).toBe('operator')
    expect(roleOfGroups(['viewer'])).toBe('viewer')
    expect(roleOfGroups(['admins'])).toBeUndefined()
  })

  it('reads the ID token claims defensively', () => {
    const user = sessionUserOf({
      email: 'ada@example.com',
      'cognito:groups': ['viewer', 42],
      iat: 1_800_000_000,
      exp: 1_800_003_600,
    })
    expect(user).toEqual({
      username: 'ada@example.com',
      role: 'viewer',
      groups: ['viewer'],
      tokenIssuedAtMs: 1_800_000_000_000,
      tokenExpiresAtMs: 1_800_003_600_000,
    })
    expect(sessionUserOf({ 'cognito:username': 'ada' }).role).toBeUndefined()
  })
})
