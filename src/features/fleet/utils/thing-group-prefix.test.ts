import { describe, expect, it } from 'vitest'
import { thingGroupPrefixProblem } from './thing-group-prefix.ts'

describe('thingGroupPrefixProblem', () => {
  it('accepts no prefix and any beginning of a group name', () => {
    expect(thingGroupPrefixProblem('')).toBeUndefined()
    expect(thingGroupPrefixProblem('line-')).toBeUndefined()
    expect(thingGroupPrefixProblem('a:b_c')).toBeUndefined()
  })

  it('names the characters a group name cannot hold, as a prefix', () => {
    expect(thingGroupPrefixProblem('line 1')).toMatch(/^Name prefix /)
    expect(thingGroupPrefixProblem('x'.repeat(200))).toMatch(/^Name prefix /)
  })
})
