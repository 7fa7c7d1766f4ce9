import { describe, expect, it } from 'vitest'
import {
  ATTRIBUTE_NAME_RULE,
  ATTRIBUTE_VALUE_RULE,
  identifierProblem,
  JOB_ID_RULE,
  JOB_TEMPLATE_ID_RULE,
  STATUS_DETAILS_KEY_RULE,
  THING_GROUP_NAME_RULE,
  THING_NAME_RULE,
  THING_TYPE_NAME_RULE,
  validateJobId,
  validateThingGroupName,
  validateThingName,
  type IdentifierRule,
} from './identifiers.ts'

interface Case {
  readonly rule: IdentifierRule
  readonly maxLength: number
  readonly allowsEmpty: boolean
  /** Every punctuation character the AWS pattern allows. */
  readonly punctuation: string
  /** Characters the AWS pattern refuses. */
  readonly refused: readonly string[]
}

// The expectations restate the AWS model's patterns independently of the rules under test.
const CASES: readonly Case[] = [
  {
    rule: JOB_ID_RULE,
    maxLength: 64,
    allowsEmpty: false,
    punctuation: '-_',
    refused: [':', '.', ' ', '/', 'é', '$'],
  },
  {
    rule: JOB_TEMPLATE_ID_RULE,
    maxLength: 64,
    allowsEmpty: false,
    punctuation: '-_',
    refused: [':', '.', ' '],
  },
  {
    rule: THING_NAME_RULE,
    maxLength: 128,
    allowsEmpty: false,
    punctuation: ':_-',
    refused: ['.', ' ', '/', '#', 'ü', '😀'],
  },
  {
    rule: THING_GROUP_NAME_RULE,
    maxLength: 128,
    allowsEmpty: false,
    punctuation: ':_-',
    refused: ['.', ' ', '+'],
  },
  {
    rule: THING_TYPE_NAME_RULE,
    maxLength: 128,
    allowsEmpty: false,
    punctuation: ':_-',
    refused: ['.', ' '],
  },
  {
    rule: ATTRIBUTE_NAME_RULE,
    maxLength: 128,
    allowsEmpty: false,
    punctuation: '_.,@/:#-',
    refused: [' ', '=', '+', '[', '"'],
  },
  {
    rule: ATTRIBUTE_VALUE_RULE,
    maxLength: 800,
    allowsEmpty: true,
    punctuation: '_.,@/:#=[]-',
    refused: [' ', '+', '"', '\n'],
  },
  {
    rule: STATUS_DETAILS_KEY_RULE,
    maxLength: 128,
    allowsEmpty: false,
    punctuation: ':_-',
    refused: ['.', ' ', '%'],
  },
]

describe.each(CASES)('$rule.label', ({ rule, maxLength, allowsEmpty, punctuation, refused }) => {
  it('accepts letters, digits and its punctuation', () => {
    expect(identifierProblem(rule, `aZ09${punctuation}`)).toBeUndefined()
  })

  it('accepts a single character and exactly the maximum length', () => {
    expect(identifierProblem(rule, 'a')).toBeUndefined()
    expect(identifierProblem(rule, 'a'.repeat(maxLength))).toBeUndefined()
  })

  it('refuses one character over the maximum, saying the limit and the length', () => {
    expect(identifierProblem(rule, 'a'.repeat(maxLength + 1))).toBe(
      `${rule.label} must be at most ${maxLength} characters; it has ${maxLength + 1}.`,
    )
  })

  it(allowsEmpty ? 'accepts the empty string' : 'refuses the empty string as missing', () => {
    expect(identifierProblem(rule, '')).toBe(allowsEmpty ? undefined : `${rule.label} is required.`)
  })

  it.each(refused)('refuses %j and names it', (character) => {
    const problem = identifierProblem(rule, `ok${character}ok`)
    expect(problem).toContain(`${rule.label} may contain only`)
    expect(problem).toContain(JSON.stringify(character))
  })

  it('refuses what is not a string', () => {
    expect(identifierProblem(rule, 42)).toBe(`${rule.label} must be text.`)
    expect(identifierProblem(rule, undefined)).toBe(`${rule.label} must be text.`)
  })
})

describe('identifier messages', () => {
  it('lists each refused character once, at most five', () => {
    const problem = identifierProblem(JOB_ID_RULE, 'a b c.d/e!f?g*h')
    expect(problem).toBe(
      'Job ID may contain only letters, digits, hyphens (-) and underscores (_); remove " ", ".", "/", "!", "?".',
    )
  })

  it('counts a character outside the BMP once', () => {
    expect(identifierProblem(ATTRIBUTE_VALUE_RULE, '😀'.repeat(801))).toContain('it has 801')
  })
})

describe('validators', () => {
  it('return the value when valid', () => {
    expect(validateJobId('rollout-2026_11')).toEqual({ ok: true, value: 'rollout-2026_11' })
    expect(validateThingName('sensor:0001')).toEqual({ ok: true, value: 'sensor:0001' })
  })

  it('return the issue when not', () => {
    expect(validateThingGroupName('')).toEqual({
      ok: false,
      issues: [{ path: '', message: 'Thing group name is required.' }],
    })
  })
})
