import { describe, expect, it } from 'vitest'
import { retryDelayMs, shouldRetry } from './query-client.ts'

const awsError = (name: string) => Object.assign(new Error('AWS said no'), { name })

describe('query retries', () => {
  it('retries a throttled call a few times', () => {
    expect(shouldRetry(0, awsError('ThrottlingException'))).toBe(true)
    expect(shouldRetry(3, awsError('ThrottlingException'))).toBe(true)
    expect(shouldRetry(4, awsError('ThrottlingException'))).toBe(false)
  })

  it('never retries a refusal, a missing resource or a bad request', () => {
    for (const name of [
      'AccessDeniedException',
      'ResourceNotFoundException',
      'InvalidRequestException',
    ])
      expect(shouldRetry(0, awsError(name))).toBe(false)
    expect(shouldRetry(0, new TypeError('Failed to fetch'))).toBe(false)
  })

  it('backs off exponentially up to a ceiling', () => {
    expect(retryDelayMs(0, () => 1)).toBe(2000)
    expect(retryDelayMs(2, () => 1)).toBe(8000)
    expect(retryDelayMs(10, () => 1)).toBe(20_000)
    expect(retryDelayMs(3, () => 0)).toBe(0)
  })
})
