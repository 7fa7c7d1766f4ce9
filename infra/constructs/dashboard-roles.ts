import { Stack } from 'aws-cdk-lib'
import {
  Effect,
  FederatedPrincipal,
  PolicyDocument,
  PolicyStatement,
  Role,
  ServicePrincipal,
  type IPrincipal,
} from 'aws-cdk-lib/aws-iam'
import { Construct } from 'constructs'
import { ROLE_NAMES, type BucketNames, type FleetdeckRole } from '../../domain/permissions.ts'
import { iamStatementsOf, type DeploymentScope, type IamStatement } from '../iam/iam-statements.ts'

export interface DashboardRolesProps {
  readonly identityPoolId: string
  readonly buckets: BucketNames
}

/** The deployment's account, region and buckets, for iamStatementsOf. */
export function deploymentScope(scope: Construct, buckets: BucketNames): DeploymentScope {
  const stack = Stack.of(scope)
  return { partition: stack.partition, region: stack.region, account: stack.account, ...buckets }
}

const toPolicyStatement = (statement: IamStatement) =>
  new PolicyStatement({
    effect: Effect.ALLOW,
    actions: [...statement.actions],
    resources: [...statement.resources],
    ...(statement.conditions === undefined ? {} : { conditions: statement.conditions }),
  })

/**
 * The three roles, named as domain/permissions.ts names them (the dashboard
 * builds the pre-signing role's ARN from its name, the local cloud
 * recognises the names), each holding exactly that file's statements.
 * Fixed names make one deployment per account.
 */
export class DashboardRoles extends Construct {
  readonly operator: Role
  readonly viewer: Role
  readonly iotPresigner: Role

  constructor(scope: Construct, id: string, { identityPoolId, buckets }: DashboardRolesProps) {
    super(scope, id)
    const where = deploymentScope(this, buckets)
    // Only identities of this pool that signed in (the amr claim) may assume
    // a dashboard role; the pool picks which from the ID token's groups.
    // https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
    const signedInUser = new FederatedPrincipal(
      'cognito-identity.amazonaws.com',
      {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPoolId },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      },
      'sts:AssumeRoleWithWebIdentity',
    )
    // AWS IoT, acting for this account and region only (confused deputy).
    // https://docs.aws.amazon.com/iot/latest/developerguide/cross-service-confused-deputy-prevention.html
    const iotOfThisAccount = new ServicePrincipal('iot.amazonaws.com', {
      conditions: {
        StringEquals: { 'aws:SourceAccount': where.account },
        ArnLike: {
          'aws:SourceArn': `arn:${where.partition}:iot:${where.region}:${where.account}:*`,
        },
      },
    })
    const role = (name: FleetdeckRole, assumedBy: IPrincipal, description: string) =>
      new Role(this, name, {
        roleName: ROLE_NAMES[name],
        description,
        assumedBy,
        inlinePolicies: {
          [`fleetdeck-${name}`]: new PolicyDocument({
            statements: iamStatementsOf(name, where).map(toPolicyStatement),
          }),
        },
      })
    this.operator = role(
      'operator',
      signedInUser,
      'Fleetdeck operators: create, cancel and roll back rollouts; upload firmware.',
    )
    this.viewer = role('viewer', signedInUser, 'Fleetdeck viewers and wall displays: read only.')
    this.iotPresigner = role(
      'iotPresigner',
      iotOfThisAccount,
      'Assumed by AWS IoT Jobs to pre-sign firmware and configuration download URLs.',
    )
  }
}
