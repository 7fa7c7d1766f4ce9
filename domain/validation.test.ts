import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { formatIssue, formatPath, unwrap, validateWith, ValidationError } from './validation.ts'

describe('formatPath', () => {
  it('joins names with dots and indexes with brackets', () => {
    expect(formatPath([])).toBe('')
    expect(formatPath(['criteriaList', 0, 'failureType'])).toBe('criteriaList[0].failureType')
    expect(formatPath([2, 'x'])).toBe('[2].x')
  })
})

describe('validateWith', () => {
  const schema = z.object({ size: z.number({ error: 'size must be a number.' }) })

  it('returns the parsed value', () => {
    expect(validateWith(schema, { size: 3 })).toEqual({ ok: true, value: { size: 3 } })
  })

  it('returns every issue with its path and the schema’s message', () => {
    expect(validateWith(schema, { size: 'big' })).toEqual({
      ok: false,
      issues: [{ path: 'size', message: 'size must be a number.' }],
    })
  })
})

describe('unwrap', () => {
  it('returns a valid value and throws a ValidationError listing the issues', () => {
    expect(unwrap({ ok: true, value: 1 })).toBe(1)
    const issues = [
      { path: '', message: 'Job ID is required.' },
      { path: 'size', message: 'size must be a number.' },
    ]
    expect(() => unwrap({ ok: false, issues })).toThrow(ValidationError)
    expect(() => unwrap({ ok: false, issues })).toThrow(
      'Job ID is required.\nsize: size must be a number.',
    )
    expect(issues.map(formatIssue)).toEqual(['Job ID is required.', 'size: size must be a number.'])
  })
})
