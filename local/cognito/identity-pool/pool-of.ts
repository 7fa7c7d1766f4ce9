import { IDENTITY_POOL_ID, matching, requiredString, type Input } from '../input.ts'
import type { IdentityPoolRecord } from '../records.ts'
import type { IdentityPoolContext } from './identity-pool-context.ts'

/** The identity pool an operation names; ResourceNotFoundException when there is none. */
export const identityPoolOf = (context: IdentityPoolContext, input: Input): IdentityPoolRecord =>
  context.identityPools.pool(
    matching('IdentityPoolId', requiredString(input, 'IdentityPoolId'), IDENTITY_POOL_ID),
  )
