import { ROLE_NAMES, type FleetdeckRole } from '../../domain/permissions.ts'
import { ACCOUNT_ID } from '../config.ts'
import type { LocalCloudSchema } from '../state/records.ts'
import type { Store } from '../store/store.ts'
import type { IdentityPools } from './identity-pool/identity-pools.ts'
import type { CognitoGroupRecord, CognitoUserRecord, PasswordPolicy } from './records.ts'
import { clientSettings, type ClientOptions } from './user-pool/client-settings.ts'
import type { UserPoolContext } from './user-pool/user-pool-context.ts'

/**
 * Typed access to Cognito for seeding scripts (`npm run local -- --seed`),
 * without SigV4 or the wire. Every `find…` returns the oldest match by name,
 * and every `ensure…` is idempotent, so a seed run against a data directory
 * that already holds its pools reuses their ids. Writes are durable when a
 * method returns.
 */
export interface UserPoolSummary {
  readonly userPoolId: string
  readonly name: string
  readonly arn: string
}

export interface UserPoolClientSummary {
  readonly clientId: string
  readonly clientName: string
  readonly userPoolId: string
}

export interface IdentityPoolSummary {
  readonly identityPoolId: string
  readonly name: string
}

export interface SeedUser {
  readonly userPoolId: string
  /** The username, or the email address in a pool that signs in with email. */
  readonly username: string
  /** Set as a permanent password on every run, so the printed password is the one that works. */
  readonly password: string
  readonly attributes?: Readonly<Record<string, string>>
  readonly groupNames?: readonly string[]
}

export interface SeedGroup {
  readonly userPoolId: string
  readonly groupName: string
  /** A Fleetdeck role, made into its IAM role ARN; or give `roleArn`. */
  readonly role?: FleetdeckRole
  readonly roleArn?: string
  readonly precedence?: number
  readonly description?: string
}

export interface SeedIdentityPool {
  readonly name: string
  readonly userPoolId: string
  readonly clientId: string
  /** host:port of the local endpoint; the provider is named `<issuerHost>/<userPoolId>`, as Amplify sends it. */
  readonly issuerHost: string
  /**
   * Default true: a Token role mapping for the provider (the role of the ID
   * token's cognito:preferred_role; a user without one is refused, as with
   * AmbiguousRoleResolution Deny), set again on every run. False leaves the
   * pool's roles and mappings as they are; a new pool then has neither, and
   * GetCredentialsForIdentity answers InvalidIdentityPoolConfigurationException
   * until SetIdentityPoolRoles gives it some.
   */
  readonly tokenRoleMapping?: boolean
}

/** The IAM role ARN of a Fleetdeck role in the local account. */
export const fleetdeckRoleArn = (role: FleetdeckRole) =>
  `arn:aws:iam::${ACCOUNT_ID}:role/${ROLE_NAMES[role]}`

export class CognitoSeeding {
  constructor(
    private readonly userPools: UserPoolContext,
    private readonly identityPools: IdentityPools,
    private readonly store: Store<LocalCloudSchema>,
  ) {}

  findUserPool(name: string): UserPoolSummary | undefined {
    const pool = this.userPools.pools.findByName(name)
    return pool && { userPoolId: pool.id, name: pool.name, arn: pool.arn }
  }

  async ensureUserPool(input: {
    readonly name: string
    readonly usernameAttributes?: readonly string[]
    readonly passwordPolicy?: Partial<PasswordPolicy>
  }): Promise<UserPoolSummary> {
    const existing = this.findUserPool(input.name)
    if (existing !== undefined) return existing
    const pool = await this.userPools.pools.create(input)
    await this.store.flush()
    return { userPoolId: pool.id, name: pool.name, arn: pool.arn }
  }

  findUserPoolClient(userPoolId: string, clientName: string): UserPoolClientSummary | undefined {
    const client = this.userPools.clients.findByName(userPoolId, clientName)
    return client && { clientId: client.clientId, clientName, userPoolId }
  }

  /** An app client for Amplify; options as CreateUserPoolClient takes them, with its defaults. */
  async ensureUserPoolClient(
    userPoolId: string,
    clientName: string,
    options: ClientOptions = {},
  ): Promise<UserPoolClientSummary> {
    const existing = this.findUserPoolClient(userPoolId, clientName)
    if (existing !== undefined) return existing
    const client = this.userPools.clients.create(clientSettings(userPoolId, clientName, options))
    await this.store.flush()
    return { clientId: client.clientId, clientName, userPoolId }
  }

  /** Creates the group, or brings an existing one's role and precedence up to date. */
  async ensureGroup(input: SeedGroup): Promise<CognitoGroupRecord> {
    const roleArn =
      input.roleArn ?? (input.role === undefined ? undefined : fleetdeckRoleArn(input.role))
    const wanted = {
      userPoolId: input.userPoolId,
      groupName: input.groupName,
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(roleArn === undefined ? {} : { roleArn }),
      ...(input.precedence === undefined ? {} : { precedence: input.precedence }),
    }
    const existing = this.userPools.groups.find(input.userPoolId, input.groupName)
    const group =
      existing === undefined
        ? this.userPools.groups.create(wanted)
        : this.userPools.groups.replace(existing, wanted)
    await this.store.flush()
    return group
  }

  /** Creates the user if missing, sets the permanent password and adds the groups. */
  async ensureUser(input: SeedUser): Promise<CognitoUserRecord> {
    const { pools, users, groups } = this.userPools
    const pool = pools.get(input.userPoolId)
    let user =
      users.find(pool, input.username) ??
      users.create(pool, {
        username: input.username,
        temporaryPassword: input.password,
        ...(input.attributes === undefined ? {} : { attributes: input.attributes }),
      })
    user = users.setPassword(pool, user, input.password, true)
    for (const groupName of input.groupNames ?? []) {
      user = users.addToGroup(user, groups.get(pool.id, groupName))
    }
    await this.store.flush()
    return user
  }

  findIdentityPool(name: string): IdentityPoolSummary | undefined {
    const pool = this.identityPools.findByName(name)
    return pool && { identityPoolId: pool.identityPoolId, name: pool.identityPoolName }
  }

  async ensureIdentityPool(input: SeedIdentityPool): Promise<IdentityPoolSummary> {
    const providerName = `${input.issuerHost}/${input.userPoolId}`
    const pool =
      this.identityPools.findByName(input.name) ??
      this.identityPools.create({
        identityPoolName: input.name,
        allowUnauthenticatedIdentities: false,
        providers: [
          { ProviderName: providerName, ClientId: input.clientId, ServerSideTokenCheck: true },
        ],
      })
    if (input.tokenRoleMapping ?? true) {
      this.identityPools.setRoles(pool, {
        roles: pool.roles,
        roleMappings: {
          [pool.providers[0]?.ProviderName ?? providerName]: {
            Type: 'Token',
            AmbiguousRoleResolution: 'Deny',
          },
        },
      })
    }
    await this.store.flush()
    return { identityPoolId: pool.identityPoolId, name: pool.identityPoolName }
  }
}
