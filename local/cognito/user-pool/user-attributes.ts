import { invalidParameter, notAuthorized } from '../errors.ts'

/**
 * Which user attributes may be written, and by whom. A pool's schema is
 * Cognito's standard attributes (the OpenID Connect claims) and `custom:`
 * ones; this local cloud keeps no custom schema, so any `custom:` name is
 * accepted. `sub` is set once by Cognito. The `…_verified` flags are only
 * for administrators: a user (through an app client) may not write them, as
 * app clients may not, nor anything else outside the schema, so no user can
 * name themselves `cognito:groups` or `cognito:preferred_role`.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
 */
export const STANDARD_ATTRIBUTES: ReadonlySet<string> = new Set([
  'address',
  'birthdate',
  'email',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'picture',
  'preferred_username',
  'profile',
  'updated_at',
  'website',
  'zoneinfo',
])

const VERIFIED_FLAGS: ReadonlySet<string> = new Set(['email_verified', 'phone_number_verified'])

const CUSTOM = /^custom:[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,20}$/u

/** 'admin': AdminCreateUser and the seeding API; 'user': what a user sends through an app client. */
export type AttributeWriter = 'admin' | 'user'

const inSchema = (name: string) =>
  name === 'sub' || STANDARD_ATTRIBUTES.has(name) || VERIFIED_FLAGS.has(name) || CUSTOM.test(name)

export function assertWritable(
  attributes: Readonly<Record<string, string>>,
  writer: AttributeWriter,
): void {
  const names = Object.keys(attributes)
  const unknown = names.filter((name) => !inSchema(name))
  if (unknown.length > 0) {
    // Cognito's wording, one line per attribute, each ending in a newline.
    throw invalidParameter(
      `Attributes did not conform to the schema: ${unknown
        .map((name) => `${name}: Attribute does not exist in the schema.\n`)
        .join('')}`,
    )
  }
  if (writer === 'admin' && names.includes('sub')) {
    throw invalidParameter('Cannot modify the non-mutable attribute sub')
  }
  if (writer === 'user' && names.some((name) => name === 'sub' || VERIFIED_FLAGS.has(name))) {
    // What Cognito answers when an app client writes an attribute it may not.
    throw notAuthorized('A client attempted to write unauthorized attribute')
  }
}
