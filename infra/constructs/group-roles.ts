import { CfnIdentityPoolRoleAttachment, CfnUserPoolGroup } from 'aws-cdk-lib/aws-cognito'
import type { Role } from 'aws-cdk-lib/aws-iam'
import { Construct } from 'constructs'
import { ROLE_GROUPS } from '../../domain/permissions.ts'
import type { UserDirectory } from './user-directory.ts'

export interface GroupRolesProps {
  readonly directory: UserDirectory
  readonly operatorRole: Role
  readonly viewerRole: Role
}

/**
 * A user's role follows from their groups (domain/permissions.ts
 * ROLE_GROUPS): each group carries its role, Cognito writes the role of the
 * group with the lowest precedence into the ID token as
 * `cognito:preferred_role` (the operator group wins, as the dashboard's
 * session-user.ts assumes), and the identity pool issues credentials for
 * that role. A user in neither group gets no credentials at all.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
 */
export class GroupRoles extends Construct {
  constructor(
    scope: Construct,
    id: string,
    { directory, operatorRole, viewerRole }: GroupRolesProps,
  ) {
    super(scope, id)
    const { userPool, appClient, identityPool } = directory
    new CfnUserPoolGroup(this, 'Operators', {
      userPoolId: userPool.userPoolId,
      groupName: ROLE_GROUPS.operator,
      description: 'Create, cancel and roll back rollouts; manage firmware.',
      precedence: 1,
      roleArn: operatorRole.roleArn,
    })
    new CfnUserPoolGroup(this, 'Viewers', {
      userPoolId: userPool.userPoolId,
      groupName: ROLE_GROUPS.viewer,
      description: 'Read-only: support staff and the wall display.',
      precedence: 2,
      roleArn: viewerRole.roleArn,
    })
    new CfnIdentityPoolRoleAttachment(this, 'RoleChoice', {
      identityPoolId: identityPool.ref,
      roleMappings: {
        dashboard: {
          identityProvider: `${userPool.userPoolProviderName}:${appClient.userPoolClientId}`,
          type: 'Token',
          // No preferred role (no group): refuse rather than fall back to a default role.
          ambiguousRoleResolution: 'Deny',
        },
      },
    })
  }
}
