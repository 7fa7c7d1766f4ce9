import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import type { Input } from '../../input.ts'
import { poolOf } from '../pool-of.ts'
import { userPoolShape } from '../shapes.ts'
import type { UserPoolContext } from '../user-pool-context.ts'

/** https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPool.html */
export const describeUserPool = (context: UserPoolContext): RpcOperation => ({
  auth: 'sigv4',
  handle: (input: Input) => {
    const pool = poolOf(context, input)
    return { UserPool: userPoolShape(pool, context.users.inPool(pool.id).length) }
  },
})
