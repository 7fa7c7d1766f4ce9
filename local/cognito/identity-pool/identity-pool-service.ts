import type { RpcService } from '../../edge/json-rpc-frontend.ts'
import { identityPoolArn } from '../ids.ts'
import type { IdentityPoolContext } from './identity-pool-context.ts'
import { createIdentityPool } from './operations/create-identity-pool.ts'
import { getCredentialsForIdentity } from './operations/get-credentials-for-identity.ts'
import { getId } from './operations/get-id.ts'
import {
  describeIdentityPool,
  getIdentityPoolRoles,
  setIdentityPoolRoles,
} from './operations/identity-pool-roles.ts'

/**
 * Cognito identity pools (awsJson1.1, `AWSCognitoIdentityService`): GetId
 * and GetCredentialsForIdentity unsigned, as Amplify calls them; pool
 * administration signed, with the cognito-identity permission.
 */
export function createIdentityPoolService(context: IdentityPoolContext): RpcService {
  return {
    target: 'AWSCognitoIdentityService',
    iamPrefix: 'cognito-identity',
    displayName: 'Amazon Cognito identity pools',
    operations: {
      GetId: getId(context),
      GetCredentialsForIdentity: getCredentialsForIdentity(context),
      CreateIdentityPool: createIdentityPool(context),
      DescribeIdentityPool: describeIdentityPool(context),
      SetIdentityPoolRoles: setIdentityPoolRoles(context),
      GetIdentityPoolRoles: getIdentityPoolRoles(context),
    },
    resourceOf: (input) =>
      typeof input.IdentityPoolId === 'string' ? identityPoolArn(input.IdentityPoolId) : '*',
  }
}
