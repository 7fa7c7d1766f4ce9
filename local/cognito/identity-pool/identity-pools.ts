import { createHash, randomUUID } from 'node:crypto'
import type { LocalCloudSchema } from '../../state/records.ts'
import type { Store } from '../../store/store.ts'
import { REGION } from '../../config.ts'
import { invalidParameter, resourceNotFound } from '../errors.ts'
import type {
  IdentityPoolRecord,
  IdentityProviderRecord,
  IdentityRecord,
  RoleMappingRecord,
} from '../records.ts'

/**
 * Identity pools and the identities they hand out. An authenticated
 * identity is derived from (identity pool, user pool, sub), so the same user
 * always gets the same IdentityId, as in AWS, without an index to keep.
 */
export interface NewIdentityPool {
  readonly identityPoolName: string
  readonly allowUnauthenticatedIdentities: boolean
  readonly providers: readonly IdentityProviderRecord[]
}

export interface IdentityPoolRoles {
  readonly roles: Readonly<Record<string, string>>
  readonly roleMappings: Readonly<Record<string, RoleMappingRecord>>
}

/** The user pool a provider name points at: `<host>/<userPoolId>`. */
export const userPoolIdOfProvider = (providerName: string) => providerName.split('/').pop() ?? ''

function identityIdFor(identityPoolId: string, userPoolId: string, sub: string): string {
  const hex = createHash('sha256').update(`${identityPoolId}|${userPoolId}|${sub}`).digest('hex')
  // Shaped as a version 4 UUID, as AWS's identity ids are.
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16)
  return `${REGION}:${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export class IdentityPools {
  constructor(
    private readonly store: Store<LocalCloudSchema>,
    private readonly realNow: () => number,
  ) {}

  create(input: NewIdentityPool): IdentityPoolRecord {
    const pool: IdentityPoolRecord = {
      identityPoolId: `${REGION}:${randomUUID()}`,
      identityPoolName: input.identityPoolName,
      allowUnauthenticatedIdentities: input.allowUnauthenticatedIdentities,
      providers: input.providers,
      roles: {},
      roleMappings: {},
      createdAtMs: this.realNow(),
    }
    this.store.put('cognitoIdentityPools', pool.identityPoolId, pool)
    return pool
  }

  find = (identityPoolId: string): IdentityPoolRecord | undefined =>
    this.store.get('cognitoIdentityPools', identityPoolId)

  pool(identityPoolId: string): IdentityPoolRecord {
    const pool = this.find(identityPoolId)
    if (pool === undefined) throw resourceNotFound(`IdentityPool '${identityPoolId}' not found.`)
    return pool
  }

  findByName = (name: string): IdentityPoolRecord | undefined =>
    [...this.store.values('cognitoIdentityPools')]
      .filter((pool) => pool.identityPoolName === name)
      .sort((a, b) => a.createdAtMs - b.createdAtMs)[0]

  /** The configured provider a Logins key or role mapping names: the same user pool, whatever host. */
  providerFor(pool: IdentityPoolRecord, providerName: string): IdentityProviderRecord | undefined {
    return (
      pool.providers.find((provider) => provider.ProviderName === providerName) ??
      pool.providers.find(
        (provider) =>
          userPoolIdOfProvider(provider.ProviderName) === userPoolIdOfProvider(providerName),
      )
    )
  }

  setRoles(pool: IdentityPoolRecord, { roles, roleMappings }: IdentityPoolRoles): void {
    for (const providerName of Object.keys(roleMappings)) {
      if (this.providerFor(pool, providerName) === undefined) {
        throw invalidParameter(
          `${providerName} is not a valid RoleMapping ProviderName or is not a configured provider.`,
        )
      }
    }
    this.store.put('cognitoIdentityPools', pool.identityPoolId, { ...pool, roles, roleMappings })
  }

  authenticatedIdentity(pool: IdentityPoolRecord, userPoolId: string, sub: string): IdentityRecord {
    const identityId = identityIdFor(pool.identityPoolId, userPoolId, sub)
    return (
      this.findIdentity(identityId) ??
      this.#put({
        identityId,
        identityPoolId: pool.identityPoolId,
        userPoolId,
        sub,
        createdAtMs: this.realNow(),
      })
    )
  }

  guestIdentity = (pool: IdentityPoolRecord): IdentityRecord =>
    this.#put({
      identityId: `${REGION}:${randomUUID()}`,
      identityPoolId: pool.identityPoolId,
      createdAtMs: this.realNow(),
    })

  findIdentity = (identityId: string): IdentityRecord | undefined =>
    this.store.get('cognitoIdentities', identityId)

  #put(identity: IdentityRecord): IdentityRecord {
    this.store.put('cognitoIdentities', identity.identityId, identity)
    return identity
  }
}
