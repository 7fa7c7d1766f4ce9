import { AwsError } from '../../edge/aws-error.ts'
import { notAuthorized } from '../errors.ts'
import type { IdentityPoolRecord } from '../records.ts'
import type { VerifiedLogin } from './logins.ts'

/**
 * The role an authenticated identity gets. With a Token role mapping for
 * the provider: the CustomRoleArn if the token lists it in cognito:roles,
 * else cognito:preferred_role; without one the mapping's
 * AmbiguousRoleResolution applies (the pool's authenticated role, or Deny).
 * Without a mapping: the pool's authenticated role.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
 */
const invalidConfiguration = () =>
  new AwsError(
    'InvalidIdentityPoolConfigurationException',
    400,
    'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
  )

export function authenticatedRole(
  pool: IdentityPoolRecord,
  login: VerifiedLogin,
  customRoleArn: string | undefined,
): string {
  const mapping =
    pool.roleMappings[login.providerName] ?? pool.roleMappings[login.provider.ProviderName]
  const fallback = pool.roles.authenticated
  if (mapping === undefined) {
    if (fallback === undefined) throw invalidConfiguration()
    return fallback
  }
  const roles = login.claims['cognito:roles']
  const listed = Array.isArray(roles) ? roles.filter((role) => typeof role === 'string') : []
  if (customRoleArn !== undefined && listed.includes(customRoleArn)) return customRoleArn
  const preferred = login.claims['cognito:preferred_role']
  // The user pool always lists the preferred role among cognito:roles; a
  // token where it is not was not built from the user's groups.
  if (typeof preferred === 'string' && listed.includes(preferred)) return preferred
  if (mapping.AmbiguousRoleResolution === 'AuthenticatedRole' && fallback !== undefined) {
    return fallback
  }
  if (mapping.AmbiguousRoleResolution === 'AuthenticatedRole') throw invalidConfiguration()
  throw notAuthorized(
    `The ambiguous role mapping rules for: ${login.provider.ProviderName} denied this request.`,
  )
}

export function unauthenticatedRole(pool: IdentityPoolRecord): string {
  const role = pool.roles.unauthenticated
  if (role === undefined) throw invalidConfiguration()
  return role
}
