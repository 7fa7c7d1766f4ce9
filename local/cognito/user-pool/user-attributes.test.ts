import { describe, expect, it } from 'vitest'
import { assertWritable } from './user-attributes.ts'

describe('which attributes may be written', () => {
  it('lets users write standard and custom attributes', () => {
    expect(() =>
      assertWritable({ name: 'Ada', email: 'ada@example.com', 'custom:team': 'a' }, 'user'),
    ).not.toThrow()
  })

  it('refuses names outside the schema, the cognito: claims among them, in Cognito’s words', () => {
    for (const writer of ['user', 'admin'] as const) {
      expect(() => assertWritable({ 'cognito:preferred_role': 'x', role: 'y' }, writer)).toThrow(
        expect.objectContaining({
          type: 'InvalidParameterException',
          message:
            'Attributes did not conform to the schema: cognito:preferred_role: Attribute does not exist in the schema.\nrole: Attribute does not exist in the schema.\n',
        }),
      )
    }
    expect(() => assertWritable({ 'Cognito:groups': 'x' }, 'user')).toThrow(
      /Attribute does not exist in the schema/,
    )
  })

  it('leaves sub to Cognito and the verified flags to administrators', () => {
    for (const name of ['sub', 'email_verified', 'phone_number_verified']) {
      expect(() => assertWritable({ [name]: 'true' }, 'user')).toThrow(
        expect.objectContaining({
          type: 'NotAuthorizedException',
          message: 'A client attempted to write unauthorized attribute',
        }),
      )
    }
    expect(() => assertWritable({ email_verified: 'true' }, 'admin')).not.toThrow()
    expect(() => assertWritable({ sub: 'x' }, 'admin')).toThrow(
      'Cannot modify the non-mutable attribute sub',
    )
  })
})
