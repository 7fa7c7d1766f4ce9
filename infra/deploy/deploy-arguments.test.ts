import { describe, expect, it } from 'vitest'
import { profileOf } from './deploy-arguments.ts'

describe('profileOf', () => {
  it('finds the profile given to cdk deploy, in either spelling', () => {
    expect(profileOf(['--require-approval', 'never', '--profile', 'prod'])).toBe('prod')
    expect(profileOf(['--profile=staging'])).toBe('staging')
    expect(profileOf(['-c', 'selfSignUp=true'])).toBeUndefined()
  })
})
