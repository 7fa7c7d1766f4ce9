import type { RpcService } from '../../edge/json-rpc-frontend.ts'
import { userPoolArn } from '../ids.ts'
import { adminCreateUser } from './operations/admin-create-user.ts'
import { adminGetUser } from './operations/admin-get-user.ts'
import { adminSetUserPassword } from './operations/admin-set-user-password.ts'
import { createUserPool } from './operations/create-user-pool.ts'
import { createUserPoolClient } from './operations/create-user-pool-client.ts'
import { describeUserPool } from './operations/describe-user-pool.ts'
import { getTokensFromRefreshToken } from './operations/get-tokens-from-refresh-token.ts'
import { getUser } from './operations/get-user.ts'
import { globalSignOut } from './operations/global-sign-out.ts'
import { adminAddUserToGroup, adminListGroupsForUser, createGroup } from './operations/groups.ts'
import { initiateAuth } from './operations/initiate-auth.ts'
import { listUsers } from './operations/list-users.ts'
import { respondToAuthChallenge } from './operations/respond-to-auth-challenge.ts'
import { revokeToken } from './operations/revoke-token.ts'
import type { UserPoolContext } from './user-pool-context.ts'

/**
 * Cognito user pools (awsJson1.1, `AWSCognitoIdentityProviderService`).
 * Sign-in operations are unsigned as in AWS; GetUser and GlobalSignOut are
 * authorized by the access token; the admin operations need a signature
 * and the cognito-idp permission (only the admin key has it).
 */
export function createUserPoolService(context: UserPoolContext): RpcService {
  return {
    target: 'AWSCognitoIdentityProviderService',
    iamPrefix: 'cognito-idp',
    displayName: 'Amazon Cognito user pools',
    operations: {
      InitiateAuth: initiateAuth(context),
      RespondToAuthChallenge: respondToAuthChallenge(context),
      GetTokensFromRefreshToken: getTokensFromRefreshToken(context),
      GetUser: getUser(context),
      GlobalSignOut: globalSignOut(context),
      RevokeToken: revokeToken(context),
      CreateUserPool: createUserPool(context),
      DescribeUserPool: describeUserPool(context),
      CreateUserPoolClient: createUserPoolClient(context),
      AdminCreateUser: adminCreateUser(context),
      AdminSetUserPassword: adminSetUserPassword(context),
      AdminGetUser: adminGetUser(context),
      CreateGroup: createGroup(context),
      AdminAddUserToGroup: adminAddUserToGroup(context),
      AdminListGroupsForUser: adminListGroupsForUser(context),
      ListUsers: listUsers(context),
    },
    resourceOf: (input) =>
      typeof input.UserPoolId === 'string' ? userPoolArn(input.UserPoolId) : '*',
  }
}
