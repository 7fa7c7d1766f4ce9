import { describe, expect, it } from 'vitest'
import { DEFAULT_PASSWORD_POLICY, generateTemporaryPassword, passwordProblem } from './passwords.ts'

describe('the default password policy', () => {
  it('names the first rule a password breaks, in Cognito’s words', () => {
    expect(passwordProblem(DEFAULT_PASSWORD_POLICY, 'Aa1!')).toBe('Password not long enough')
    expect(passwordProblem(DEFAULT_PASSWORD_POLICY, 'ALLUPPER1!')).toBe(
      'Password must have lowercase characters',
    )
    expect(passwordProblem(DEFAULT_PASSWORD_POLICY, 'alllower1!')).toBe(
      'Password must have uppercase characters',
    )
    expect(passwordProblem(DEFAULT_PASSWORD_POLICY, 'NoDigits!!')).toBe(
      'Password must have numeric characters',
    )
    expect(passwordProblem(DEFAULT_PASSWORD_POLICY, 'NoSymbols12')).toBe(
      'Password must have symbol characters',
    )
    expect(passwordProblem(DEFAULT_PASSWORD_POLICY, ' Spaced-out1')).toBe(
      'Password must not begin or end with whitespace',
    )
    expect(passwordProblem(DEFAULT_PASSWORD_POLICY, 'Fleet deck 1')).toBeUndefined()
    expect(passwordProblem(DEFAULT_PASSWORD_POLICY, 'Fleet-deck-2026!')).toBeUndefined()
  })

  it('follows a relaxed policy', () => {
    const relaxed = { ...DEFAULT_PASSWORD_POLICY, MinimumLength: 6, RequireSymbols: false }
    expect(passwordProblem(relaxed, 'Abcde1')).toBeUndefined()
  })

  it('generates temporary passwords that conform', () => {
    for (let index = 0; index < 50; index += 1) {
      expect(
        passwordProblem(
          DEFAULT_PASSWORD_POLICY,
          generateTemporaryPassword(DEFAULT_PASSWORD_POLICY),
        ),
      ).toBeUndefined()
    }
  })
})
