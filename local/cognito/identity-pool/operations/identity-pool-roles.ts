import type { RpcOperation } from '../../../edge/json-rpc-frontend.ts'
import { invalidParameter } from '../../errors.ts'
import { optionalObject, optionalString, optionalStringMap, type Input } from '../../input.ts'
import type { RoleMappingRecord } from '../../records.ts'
import type { IdentityPoolContext } from '../identity-pool-context.ts'
import { identityPoolOf } from '../pool-of.ts'
import { identityPoolRolesShape, identityPoolShape } from '../shapes.ts'

/**
 * SetIdentityPoolRoles, GetIdentityPoolRoles and DescribeIdentityPool.
 * Role mappings of Type Token are emulated (the role comes from the ID
 * token's cognito:preferred_role); Rules mappings are not.
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_SetIdentityPoolRoles.html
 */
function roleMappings(input: Input): Record<string, RoleMappingRecord> {
  const given = optionalObject(input, 'RoleMappings') ?? {}
  return Object.fromEntries(
    Object.keys(given).map((providerName) => {
      const mapping = optionalObject(given, providerName) ?? {}
      const type = optionalString(mapping, 'Type')
      if (type !== 'Token') {
        throw invalidParameter(
          `The Fleetdeck local cloud emulates role mappings of Type Token only; got ${String(type)}.`,
        )
      }
      const resolution = optionalString(mapping, 'AmbiguousRoleResolution')
      if (resolution !== 'AuthenticatedRole' && resolution !== 'Deny') {
        throw invalidParameter('AmbiguousRoleResolution must be AuthenticatedRole or Deny.')
      }
      return [providerName, { Type: type, AmbiguousRoleResolution: resolution }]
    }),
  )
}

export const setIdentityPoolRoles = (context: IdentityPoolContext): RpcOperation => ({
  auth: 'sigv4',
  handle: (input: Input) => {
    const pool = identityPoolOf(context, input)
    const roles = optionalStringMap(input, 'Roles')
    const unknown = Object.keys(roles).filter(
      (key) => key !== 'authenticated' && key !== 'unauthenticated',
    )
    if (unknown.length > 0) {
      throw invalidParameter(
        `Roles keys must be authenticated or unauthenticated; got ${unknown.join(', ')}.`,
      )
    }
    context.identityPools.setRoles(pool, { roles, roleMappings: roleMappings(input) })
    return {}
  },
})

export const getIdentityPoolRoles = (context: IdentityPoolContext): RpcOperation => ({
  auth: 'sigv4',
  handle: (input: Input) => identityPoolRolesShape(identityPoolOf(context, input)),
})

export const describeIdentityPool = (context: IdentityPoolContext): RpcOperation => ({
  auth: 'sigv4',
  handle: (input: Input) => identityPoolShape(identityPoolOf(context, input)),
})
