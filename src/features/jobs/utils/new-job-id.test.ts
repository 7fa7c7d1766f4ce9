import { describe, expect, it } from 'vitest'
import { validateJobId } from '@domain/identifiers.ts'
import { newJobId } from './new-job-id.ts'

describe('newJobId', () => {
  const now = new Date('2025-03-04T05:06:07.890Z')

  it('is the prefix, the UTC time and a random suffix', () => {
    expect(newJobId('fleetdeck-install', now)).toMatch(
      /^fleetdeck-install-20250304-050607-[0-9a-f]{8}$/,
    )
  })

  it('differs between two calls in the same second', () => {
    expect(newJobId('x', now)).not.toBe(newJobId('x', now))
  })

  it('is a valid job id even from a long prefix with refused characters', () => {
    const id = newJobId(`lamp v2/${'a'.repeat(100)}`, now)
    expect(validateJobId(id).ok).toBe(true)
    expect(id.startsWith('lamp-v2-')).toBe(true)
    expect(id.length).toBeLessThanOrEqual(64)
  })
})
