import { invalidParameter } from '../errors.ts'
import type { CognitoUserRecord } from '../records.ts'

/**
 * ListUsers' Filter: `AttributeName Filter-Type "AttributeValue"`, with `=`
 * (exact) or `^=` (prefix), on the attributes Cognito allows.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-manage-user-accounts.html#cognito-user-pools-searching-for-users-using-listusers-api
 */
const SEARCHABLE = new Set([
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
])

const SYNTAX = /^\s*([\w:]+)\s*(=|\^=)\s*"((?:[^"\\]|\\.)*)"\s*$/

function valueOf(user: CognitoUserRecord, attribute: string): string | undefined {
  switch (attribute) {
    case 'username':
      return user.username
    case 'cognito:user_status':
      return user.status
    case 'status':
      return user.enabled ? 'Enabled' : 'Disabled'
    default:
      return user.attributes[attribute]
  }
}

export function parseUserFilter(filter: string | undefined): (user: CognitoUserRecord) => boolean {
  if (filter === undefined || filter.trim() === '') return () => true
  const match = SYNTAX.exec(filter)
  const [, attribute = '', operator, quoted = ''] = match ?? []
  if (match === null) throw invalidParameter('Error while parsing filter.')
  if (!SEARCHABLE.has(attribute)) {
    throw invalidParameter(`Invalid search attribute: ${attribute}`)
  }
  const wanted = quoted.replace(/\\(.)/g, '$1')
  return (user) => {
    const value = valueOf(user, attribute)
    if (value === undefined) return false
    return operator === '=' ? value === wanted : value.startsWith(wanted)
  }
}
