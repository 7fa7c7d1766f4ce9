import { AwsError } from '../edge/aws-error.ts'
import { accessDeniedMessage, isPermitted } from '../edge/authorize.ts'
import type { Principal } from '../edge/service.ts'
import type { JobConfigRecord } from '../state/records.ts'

/**
 * Naming a role for the Jobs service to use (`presignedUrlConfig.roleArn`)
 * hands that role's access to whoever gets the URLs, so IAM requires
 * `iam:PassRole` on it, as for every AWS service that assumes a role.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
export function assertMayPassRoles(principal: Principal, config: JobConfigRecord): void {
  const roleArn = config.presignedUrlConfig?.roleArn
  if (roleArn !== undefined && !isPermitted(principal, 'iam:PassRole', roleArn)) {
    throw new AwsError(
      'AccessDeniedException',
      403,
      accessDeniedMessage(principal, 'iam:PassRole', roleArn),
    )
  }
}
