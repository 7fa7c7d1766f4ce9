import { describe, expect, it } from 'vitest'
import { refreshFailureOf, refreshRetryDelayMs } from './refresh-failure.ts'

const named = (name: string) => Object.assign(new Error(name), { name })

describe('refresh failures', () => {
  it('ends the session only when Cognito says the refresh token is dead', () => {
    expect(refreshFailureOf(named('NotAuthorizedException'))).toBe('auth')
    expect(refreshFailureOf(named('TokenRevokedException'))).toBe('auth')
    expect(refreshFailureOf(named('NetworkError'))).toBe('transient')
    expect(refreshFailureOf(named('TooManyRequestsException'))).toBe('transient')
    expect(refreshFailureOf(named('InternalErrorException'))).toBe('transient')
    expect(refreshFailureOf(undefined)).toBe('transient')
  })

  it('retries transient failures with backoff up to a minute', () => {
    expect([1, 2, 3, 4, 5, 10].map(refreshRetryDelayMs)).toEqual([
      5_000, 10_000, 20_000, 40_000, 60_000, 60_000,
    ])
  })
})
