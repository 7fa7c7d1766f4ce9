import type { IdentityPoolRecord } from '../records.ts'

/** IdentityPool and GetIdentityPoolRoles in the Cognito identity API model's shapes. */
export const identityPoolShape = (pool: IdentityPoolRecord) => ({
  IdentityPoolId: pool.identityPoolId,
  IdentityPoolName: pool.identityPoolName,
  AllowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities,
  AllowClassicFlow: false,
  CognitoIdentityProviders: pool.providers,
})

export const identityPoolRolesShape = (pool: IdentityPoolRecord) => ({
  IdentityPoolId: pool.identityPoolId,
  Roles: pool.roles,
  RoleMappings: pool.roleMappings,
})
