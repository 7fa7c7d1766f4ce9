import { epochSeconds } from '../ids.ts'
import type {
  CognitoGroupRecord,
  CognitoUserRecord,
  UserPoolClientRecord,
  UserPoolRecord,
} from '../records.ts'

/** Records in the shapes of the Cognito user pools API model (UserPoolType, UserType, …). */
export const attributesOf = (
  user: CognitoUserRecord,
  names?: readonly string[],
): { Name: string; Value: string }[] =>
  Object.entries(user.attributes)
    .filter(([name]) => names === undefined || names.includes(name))
    .map(([Name, Value]) => ({ Name, Value }))

export const userPoolShape = (pool: UserPoolRecord, estimatedNumberOfUsers: number) => ({
  Id: pool.id,
  Name: pool.name,
  Arn: pool.arn,
  Policies: { PasswordPolicy: pool.passwordPolicy },
  UsernameAttributes: pool.usernameAttributes,
  AutoVerifiedAttributes: pool.autoVerifiedAttributes,
  MfaConfiguration: 'OFF',
  EstimatedNumberOfUsers: estimatedNumberOfUsers,
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
  CreationDate: epochSeconds(pool.createdAtMs),
  LastModifiedDate: epochSeconds(pool.lastModifiedAtMs),
})

export const userPoolClientShape = (client: UserPoolClientRecord) => ({
  UserPoolId: client.userPoolId,
  ClientName: client.clientName,
  ClientId: client.clientId,
  ExplicitAuthFlows: client.explicitAuthFlows,
  AccessTokenValidity: client.accessTokenValidity,
  IdTokenValidity: client.idTokenValidity,
  RefreshTokenValidity: client.refreshTokenValidity,
  TokenValidityUnits: client.tokenValidityUnits,
  AuthSessionValidity: client.authSessionValidityMinutes,
  PreventUserExistenceErrors: client.preventUserExistenceErrors,
  EnableTokenRevocation: true,
  CreationDate: epochSeconds(client.createdAtMs),
  LastModifiedDate: epochSeconds(client.lastModifiedAtMs),
})

/** UserType, as AdminCreateUser and ListUsers return it. */
export const userShape = (user: CognitoUserRecord, attributeNames?: readonly string[]) => ({
  Username: user.username,
  Attributes: attributesOf(user, attributeNames),
  UserCreateDate: epochSeconds(user.createdAtMs),
  UserLastModifiedDate: epochSeconds(user.lastModifiedAtMs),
  Enabled: user.enabled,
  UserStatus: user.status,
})

export const groupShape = (group: CognitoGroupRecord) => ({
  GroupName: group.groupName,
  UserPoolId: group.userPoolId,
  Description: group.description,
  RoleArn: group.roleArn,
  Precedence: group.precedence,
  CreationDate: epochSeconds(group.createdAtMs),
  LastModifiedDate: epochSeconds(group.lastModifiedAtMs),
})
