import { describe, expect, it } from 'vitest'
import { signInErrorMessage } from './sign-in-error-message.ts'

const cognitoError = (name: string, message: string) => Object.assign(new Error(message), { name })

describe('signInErrorMessage', () => {
  it('says a wrong password without revealing whether the user exists', () => {
    const wrongPassword = cognitoError('NotAuthorizedException', 'Incorrect username or password.')
    const noSuchUser = cognitoError('UserNotFoundException', 'User does not exist.')
    expect(signInErrorMessage(wrongPassword)).toBe('Incorrect email or password.')
    expect(signInErrorMessage(noSuchUser)).toBe(signInErrorMessage(wrongPassword))
  })

  it('tells the NotAuthorizedException cases apart by their message', () => {
    expect(
      signInErrorMessage(cognitoError('NotAuthorizedException', 'Password attempts exceeded')),
    ).toMatch(/Too many failed attempts/)
    expect(signInErrorMessage(cognitoError('NotAuthorizedException', 'User is disabled.'))).toMatch(
      /disabled/,
    )
  })

  it("keeps Cognito's reason when a new password breaks the policy", () => {
    const error = cognitoError('InvalidPasswordException', 'Password must have symbol characters')
    expect(signInErrorMessage(error)).toBe(
      'The new password is not accepted: Password must have symbol characters',
    )
  })

  it('names an unreachable service', () => {
    expect(signInErrorMessage(new TypeError('Failed to fetch'))).toMatch(/could not be reached/)
  })
})
