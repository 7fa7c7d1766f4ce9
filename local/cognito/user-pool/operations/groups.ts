import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import { invalidParameter } from '../../errors.ts'
import { optionalInteger, optionalString, requiredString, type Input } from '../../input.ts'
import { poolOf } from '../pool-of.ts'
import { groupShape } from '../shapes.ts'
import type { UserPoolContext } from '../user-pool-context.ts'

/**
 * CreateGroup, AdminAddUserToGroup and AdminListGroupsForUser. A group's
 * RoleArn and Precedence decide the ID token's cognito:roles and
 * cognito:preferred_role, which the identity pool turns into credentials.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-user-groups.html
 */
const ROLE_ARN =
  /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/

export const createGroup = (context: UserPoolContext): RpcOperation => ({
  auth: 'sigv4',
  handle: (input: Input) => {
    const pool = poolOf(context, input)
    const roleArn = optionalString(input, 'RoleArn')
    if (roleArn !== undefined && !ROLE_ARN.test(roleArn)) {
      throw invalidParameter(`Invalid RoleArn: ${roleArn}`)
    }
    const description = optionalString(input, 'Description')
    const precedence = optionalInteger(input, 'Precedence', 0, 2_147_483_647)
    const group = context.groups.create({
      userPoolId: pool.id,
      groupName: requiredString(input, 'GroupName'),
      ...(description === undefined ? {} : { description }),
      ...(roleArn === undefined ? {} : { roleArn }),
      ...(precedence === undefined ? {} : { precedence }),
    })
    return { Group: groupShape(group) }
  },
})

export const adminAddUserToGroup = (context: UserPoolContext): RpcOperation => ({
  auth: 'sigv4',
  handle: (input: Input) => {
    const pool = poolOf(context, input)
    const user = context.users.get(pool, requiredString(input, 'Username'))
    const group = context.groups.get(pool.id, requiredString(input, 'GroupName'))
    context.users.addToGroup(user, group)
    return {}
  },
})

export const adminListGroupsForUser = (context: UserPoolContext): RpcOperation => ({
  auth: 'sigv4',
  handle: (input: Input) => {
    const pool = poolOf(context, input)
    const user = context.users.get(pool, requiredString(input, 'Username'))
    // A user belongs to at most 100 groups; one page holds them all.
    return { Groups: context.groups.of(user).map(groupShape) }
  },
})
