import { describe, expect, it } from 'vitest'
import { createdByOf } from './created-by-tag.ts'

describe('createdByOf', () => {
  it('reads the createdBy tag among others', () => {
    expect(
      createdByOf([
        { Key: 'purpose', Value: 'canary' },
        { Key: 'createdBy', Value: 'alice' },
      ]),
    ).toBe('alice')
  })

  it('is undefined without the tag, with an empty value, or for another case of the key', () => {
    expect(createdByOf([])).toBeUndefined()
    expect(createdByOf([{ Key: 'createdBy', Value: '' }])).toBeUndefined()
    expect(createdByOf([{ Key: 'createdBy' }])).toBeUndefined()
    // Tag keys are case-sensitive in AWS.
    expect(createdByOf([{ Key: 'CreatedBy', Value: 'mallory' }])).toBeUndefined()
  })
})
