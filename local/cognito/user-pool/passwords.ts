import { randomInt } from 'node:crypto'
import type { PasswordPolicy } from '../records.ts'
import { invalidPassword } from '../errors.ts'

/**
 * Cognito's password policy. The defaults are those of a pool created
 * without `Policies`: at least 8 characters with upper and lower case
 * letters, a number and a symbol; temporary passwords last 7 days.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/managing-users-passwords.html
 */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
}

/** The special characters Cognito counts as symbols (the space among them). */
const SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- '
const MAX_PASSWORD_LENGTH = 256

/** Cognito's wording of the first rule a password breaks, or undefined when it conforms. */
export function passwordProblem(policy: PasswordPolicy, password: string): string | undefined {
  const chars = [...password]
  const rules: [broken: boolean, message: string][] = [
    [chars.length < policy.MinimumLength, 'Password not long enough'],
    [chars.length > MAX_PASSWORD_LENGTH, 'Password is too long'],
    [/^\s|\s$/.test(password), 'Password must not begin or end with whitespace'],
    [policy.RequireLowercase && !/[a-z]/.test(password), 'Password must have lowercase characters'],
    [policy.RequireUppercase && !/[A-Z]/.test(password), 'Password must have uppercase characters'],
    [policy.RequireNumbers && !/[0-9]/.test(password), 'Password must have numeric characters'],
    [
      policy.RequireSymbols && !chars.some((char) => SYMBOLS.includes(char)),
      'Password must have symbol characters',
    ],
  ]
  return rules.find(([broken]) => broken)?.[1]
}

export function assertPasswordConforms(policy: PasswordPolicy, password: string): void {
  const problem = passwordProblem(policy, password)
  if (problem !== undefined) {
    throw invalidPassword(`Password did not conform with policy: ${problem}`)
  }
}

/** A temporary password for AdminCreateUser without one: every class the policy may ask for. */
export function generateTemporaryPassword(policy: PasswordPolicy): string {
  const classes = [
    'ABCDEFGHJKLMNPQRSTUVWXYZ',
    'abcdefghijkmnopqrstuvwxyz',
    '23456789',
    '!@#%&*-_=+',
  ]
  const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)] ?? ''
  const length = Math.max(policy.MinimumLength, 12)
  const chars = classes.map(pick)
  while (chars.length < length) chars.push(pick(classes.join('')))
  return chars.join('')
}
