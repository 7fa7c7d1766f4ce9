import { matching, requiredString, USER_POOL_ID, type Input } from '../input.ts'
import type { UserPoolRecord } from '../records.ts'
import type { UserPoolContext } from './user-pool-context.ts'

/** The pool an admin operation names in `UserPoolId`; ResourceNotFoundException when there is none. */
export const poolOf = (context: UserPoolContext, input: Input): UserPoolRecord =>
  context.pools.get(matching('UserPoolId', requiredString(input, 'UserPoolId'), USER_POOL_ID))
