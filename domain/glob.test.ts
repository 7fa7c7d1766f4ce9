import { describe, expect, it } from 'vitest'
import { compileGlobParts, globMatches, globParts } from './glob.ts'

describe('globMatches', () => {
  it('matches literal text whole, not a part of it', () => {
    expect(globMatches('abc', 'abc')).toBe(true)
    expect(globMatches('abc', 'abcd')).toBe(false)
    expect(globMatches('abc', 'xabc')).toBe(false)
    expect(globMatches('', '')).toBe(true)
    expect(globMatches('', 'a')).toBe(false)
  })

  it('lets * match any run of characters, none included', () => {
    expect(globMatches('*', '')).toBe(true)
    expect(globMatches('*', 'anything at all')).toBe(true)
    expect(globMatches('a*c', 'ac')).toBe(true)
    expect(globMatches('a*c', 'abbbc')).toBe(true)
    expect(globMatches('a*c', 'abbbcd')).toBe(false)
    expect(globMatches('arn:aws:s3:::fw/*', 'arn:aws:s3:::fw/sensor/1.0.0.bin')).toBe(true)
    expect(globMatches('arn:aws:s3:::fw/*', 'arn:aws:s3:::fwx/a')).toBe(false)
    expect(globMatches('*a*b', 'xaxbxab')).toBe(true)
    expect(globMatches('**', 'x')).toBe(true)
  })

  it('lets ? match exactly one character, a whole emoji included', () => {
    expect(globMatches('v?.0', 'v1.0')).toBe(true)
    expect(globMatches('v?.0', 'v.0')).toBe(false)
    expect(globMatches('v?.0', 'v10.0')).toBe(false)
    expect(globMatches('?', '🙂')).toBe(true)
    expect(globMatches('*?', '')).toBe(false)
  })

  it('treats regular-expression characters as text', () => {
    expect(globMatches('a.c', 'abc')).toBe(false)
    expect(globMatches('(x)+[y]$', '(x)+[y]$')).toBe(true)
    expect(globMatches('a\\d', 'a\\d')).toBe(true)
    expect(globMatches('a\nb', 'a\nb')).toBe(true)
    expect(globMatches('a*b', 'a\n\nb')).toBe(true)
  })

  it('compares case only when asked to ignore it', () => {
    expect(globMatches('iot:Describe*', 'IOT:DESCRIBEJOB')).toBe(false)
    expect(globMatches('iot:Describe*', 'IOT:DESCRIBEJOB', { ignoreCase: true })).toBe(true)
    expect(globMatches('Sensor-?', 'sENSOR-1', { ignoreCase: true })).toBe(true)
  })

  it('keeps wildcard characters inside text parts literal', () => {
    const matcher = compileGlobParts([{ kind: 'text', text: 'client/*?' }, { kind: 'any' }])
    expect(matcher('client/*?-rest')).toBe(true)
    expect(matcher('client/ab-rest')).toBe(false)
    expect(globParts('a*b?')).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'any' },
      { kind: 'text', text: 'b' },
      { kind: 'one' },
    ])
  })

  it('answers adversarial patterns at once: many wildcards against a long value', () => {
    // A backtracking RegExp (`^a.*a.*…c$`) takes longer than any test timeout on this.
    const value = 'a'.repeat(20_000)
    expect(globMatches(`${'a*'.repeat(50)}c`, value)).toBe(false)
    expect(globMatches(`${'*a'.repeat(50)}*`, value)).toBe(true)
    expect(globMatches(`${'?*'.repeat(30)}b`, `${value}b`, { ignoreCase: true })).toBe(true)
  })
})
