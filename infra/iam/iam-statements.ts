import {
  permissionsOf,
  type BucketNames,
  type FleetdeckRole,
  type PermissionStatement,
} from '../../domain/permissions.ts'
import {
  IOT_ACTION_RESOURCE_TYPES,
  iotResourceArn,
  type AccountRegion,
} from './iot-resource-types.ts'

/**
 * domain/permissions.ts turned into IAM policy statements for one
 * deployment: the same actions the local cloud enforces, with the account,
 * region and bucket names filled in and every resource as narrow as IAM can
 * express it. This is the only place the deployed roles get their actions.
 */
export interface IamStatement {
  readonly actions: readonly string[]
  readonly resources: readonly string[]
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, string>>>>
}

export interface DeploymentScope extends AccountRegion, BucketNames {}

const WILDCARD = /[*?]/

/**
 * The domain's resource patterns leave account and region open (`*`), as the
 * local cloud runs one account in one region; a deployment pins them.
 */
function pinned(resource: string, scope: DeploymentScope): string {
  const { partition, region, account } = scope
  return resource
    .replace(/^arn:aws:s3:::/, `arn:${partition}:s3:::`)
    .replace(/^arn:aws:iot:\*:\*:/, `arn:${partition}:iot:${region}:${account}:`)
    .replace(/^arn:aws:iam::\*:/, `arn:${partition}:iam::${account}:`)
    .replace(/^arn:aws:lambda:\*:\*:/, `arn:${partition}:lambda:${region}:${account}:`)
}

/**
 * An IoT API statement on `*` ("any resource of the account") becomes one
 * statement per set of resource types: `*` only for the actions IAM cannot
 * scope at all.
 */
function narrowedIotStatements(actions: readonly string[], scope: DeploymentScope): IamStatement[] {
  const byResources = new Map<string, { actions: string[]; resources: string[] }>()
  for (const action of actions) {
    const types = IOT_ACTION_RESOURCE_TYPES[action]
    if (types === undefined) {
      throw new Error(
        `${action} is granted on "*" in domain/permissions.ts but infra/iam/iot-resource-types.ts does not list its IAM resource types: add them from the Service Authorization Reference.`,
      )
    }
    const resources = types.length === 0 ? ['*'] : types.map((type) => iotResourceArn(type, scope))
    const key = resources.join('\n')
    const group = byResources.get(key) ?? { actions: [], resources }
    group.actions.push(action)
    byResources.set(key, group)
  }
  return [...byResources.values()]
}

function statementsFor(statement: PermissionStatement, scope: DeploymentScope): IamStatement[] {
  for (const action of statement.actions) {
    if (WILDCARD.test(action))
      throw new Error(`${action}: name actions one by one in domain/permissions.ts.`)
  }
  const onAnything = statement.resources.length === 1 && statement.resources[0] === '*'
  if (onAnything) {
    const notIot = statement.actions.filter((action) => !action.startsWith('iot:'))
    if (notIot.length > 0)
      throw new Error(
        `${notIot.join(', ')} on "*": give these a resource in domain/permissions.ts.`,
      )
    return narrowedIotStatements(statement.actions, scope)
  }
  const resources = statement.resources.map((resource) => pinned(resource, scope))
  // PassRole hands the role to a service: to AWS IoT (jobs' pre-signed URLs) only.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService
  const passesRole = statement.actions.includes('iam:PassRole')
  if (passesRole && statement.actions.length > 1)
    throw new Error('Give iam:PassRole a statement of its own in domain/permissions.ts.')
  const conditions = passesRole
    ? { StringEquals: { 'iam:PassedToService': 'iot.amazonaws.com' } }
    : undefined
  return [
    { actions: statement.actions, resources, ...(conditions === undefined ? {} : { conditions }) },
  ]
}

/** Statements of domain/permissions.ts's form (buckets filled in) as IAM statements. */
export function iamStatementsFrom(
  statements: readonly PermissionStatement[],
  scope: DeploymentScope,
): IamStatement[] {
  return statements.flatMap((statement) => statementsFor(statement, scope))
}

export function iamStatementsOf(role: FleetdeckRole, scope: DeploymentScope): IamStatement[] {
  return iamStatementsFrom(permissionsOf(role, scope), scope)
}

/** The actions a statement list grants, each once. */
export function actionsOf(statements: readonly IamStatement[]): string[] {
  return [...new Set(statements.flatMap((statement) => statement.actions))]
}
