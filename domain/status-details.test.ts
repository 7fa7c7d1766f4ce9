import { describe, expect, it } from 'vitest'
import { validateStatusDetails } from './status-details.ts'

const pairs = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, 'v']))

function messages(value: unknown): string[] {
  const result = validateStatusDetails(value)
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}|${issue.message}`)
}

describe('statusDetails', () => {
  it('accepts an empty map and exactly ten pairs', () => {
    expect(validateStatusDetails({}).ok).toBe(true)
    expect(validateStatusDetails(pairs(10))).toEqual({ ok: true, value: pairs(10) })
  })

  it('refuses eleven pairs', () => {
    expect(messages(pairs(11))).toEqual(['|Status details may hold at most 10 pairs; this has 11.'])
  })

  it('checks keys with the AWS key rule at its edges', () => {
    expect(validateStatusDetails({ ['k'.repeat(128)]: 'v', 'a:b_c-d': 'v' }).ok).toBe(true)
    expect(messages({ ['k'.repeat(129)]: 'v' })[0]).toContain('at most 128 characters; it has 129')
    expect(messages({ 'download.percent': '5' })[0]).toContain('remove "."')
    expect(messages({ '': 'v' })).toEqual(['|Status detail name is required.'])
  })

  it('accepts values of 1 and 1024 characters and refuses 0 and 1025', () => {
    expect(validateStatusDetails({ a: 'x', b: 'x'.repeat(1024) }).ok).toBe(true)
    expect(messages({ a: '' })).toEqual(['a|Status detail "a" must not be empty.'])
    expect(messages({ a: 'x'.repeat(1025) })).toEqual([
      'a|Status detail "a" must be at most 1024 characters; it has 1025.',
    ])
  })

  it('counts characters, not UTF-16 units', () => {
    expect(validateStatusDetails({ a: '😀'.repeat(1024) }).ok).toBe(true)
  })

  it('refuses control and other non-printing characters', () => {
    for (const value of ['line\nbreak', 'nul\u0000', 'zero\u200bwidth', 'bell\u0007']) {
      expect(messages({ reason: value })).toEqual([
        'reason|Status detail "reason" contains a control or non-printing character.',
      ])
    }
  })

  it('refuses values that are not text, and maps that are not objects', () => {
    expect(messages({ percent: 5 })).toEqual(['percent|Status detail "percent" must be text.'])
    expect(messages('progress=5')).toEqual([
      '|Status details must be an object of names to text values.',
    ])
  })
})
