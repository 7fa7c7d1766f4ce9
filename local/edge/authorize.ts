import { isAllowed, permissionsOf, type FleetdeckRole } from '../../domain/permissions.ts'
import { BUCKET_NAMES } from '../config.ts'
import { AwsError } from './aws-error.ts'
import type { Principal } from './service.ts'

const statementsByRole = new Map(
  (['operator', 'viewer', 'iotPresigner'] as const).map((role: FleetdeckRole) => [
    role,
    permissionsOf(role, BUCKET_NAMES),
  ]),
)

/**
 * Whether the principal's role allows the IAM action on the resource. The
 * statements are domain/permissions.ts, the same data the deployment turns
 * into IAM policies; the admin (tools and seeding) may do anything.
 */
export function isPermitted(principal: Principal, action: string, resource: string): boolean {
  if (principal.role === 'admin') return true
  const statements = principal.role === undefined ? undefined : statementsByRole.get(principal.role)
  return statements !== undefined && isAllowed(statements, action, resource)
}

/** IAM's refusal, worded as AWS words it. */
export function accessDeniedMessage(
  principal: Principal,
  action: string,
  resource: string,
): string {
  return `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`
}

/** The JSON services' form of the refusal (restJson1 and awsJson1.1). */
export function assertPermitted(principal: Principal, action: string, resource: string): void {
  if (!isPermitted(principal, action, resource)) {
    throw new AwsError(
      'AccessDeniedException',
      403,
      accessDeniedMessage(principal, action, resource),
    )
  }
}
