import { randomUUID } from 'node:crypto'
import type { LocalCloudSchema } from '../../state/records.ts'
import type { Store } from '../../store/store.ts'
import { AwsError } from '../../edge/aws-error.ts'
import { invalidParameter, resourceNotFound, userNotFound } from '../errors.ts'
import { newClientId, newUserPoolId, userPoolArn } from '../ids.ts'
import {
  groupKey,
  userKey,
  type CognitoGroupRecord,
  type CognitoUserRecord,
  type PasswordPolicy,
  type UserPoolClientRecord,
  type UserPoolRecord,
} from '../records.ts'
import { assertPasswordConforms, DEFAULT_PASSWORD_POLICY } from './passwords.ts'
import { createSigningKey } from './signing-keys.ts'
import { createPasswordVerifier, srpPoolName } from './srp.ts'

/**
 * User pools, app clients, users and groups in the store: what the
 * operations and the seeding API share. Every method validates what Cognito
 * validates and throws Cognito's errors.
 */
export interface NewUserPool {
  readonly name: string
  readonly passwordPolicy?: Partial<PasswordPolicy>
  readonly usernameAttributes?: readonly string[]
  readonly autoVerifiedAttributes?: readonly string[]
}

export type NewUserPoolClient = Omit<
  UserPoolClientRecord,
  'clientId' | 'createdAtMs' | 'lastModifiedAtMs'
>

export interface NewUser {
  readonly username: string
  readonly attributes?: Readonly<Record<string, string>>
  readonly temporaryPassword: string
}

export interface NewGroup {
  readonly userPoolId: string
  readonly groupName: string
  readonly description?: string
  readonly roleArn?: string
  readonly precedence?: number
}

const EMAIL = /^[^@\s]+@[^@\s]+$/

export class UserPools {
  constructor(
    private readonly store: Store<LocalCloudSchema>,
    private readonly realNow: () => number,
  ) {}

  async createPool(input: NewUserPool): Promise<UserPoolRecord> {
    const now = this.realNow()
    const unsupported = (input.usernameAttributes ?? []).filter((name) => name !== 'email')
    if (unsupported.length > 0) {
      throw invalidParameter(
        `The Fleetdeck local cloud supports only email as a username attribute; got ${unsupported.join(', ')}.`,
      )
    }
    let id = newUserPoolId()
    while (this.store.has('cognitoUserPools', id)) id = newUserPoolId()
    const pool: UserPoolRecord = {
      id,
      name: input.name,
      arn: userPoolArn(id),
      passwordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...input.passwordPolicy },
      usernameAttributes: [...(input.usernameAttributes ?? [])],
      autoVerifiedAttributes: [...(input.autoVerifiedAttributes ?? [])],
      signingKey: await createSigningKey(),
      createdAtMs: now,
      lastModifiedAtMs: now,
    }
    this.store.put('cognitoUserPools', id, pool)
    return pool
  }

  findPool = (userPoolId: string): UserPoolRecord | undefined =>
    this.store.get('cognitoUserPools', userPoolId)

  pool(userPoolId: string): UserPoolRecord {
    const pool = this.findPool(userPoolId)
    if (pool === undefined) throw resourceNotFound(`User pool ${userPoolId} does not exist.`)
    return pool
  }

  /** The oldest pool with this name: names need not be unique in Cognito. */
  findPoolByName = (name: string): UserPoolRecord | undefined =>
    oldest([...this.store.values('cognitoUserPools')].filter((pool) => pool.name === name))

  createClient(input: NewUserPoolClient): UserPoolClientRecord {
    this.pool(input.userPoolId)
    const now = this.realNow()
    const client: UserPoolClientRecord = {
      ...input,
      clientId: newClientId(),
      createdAtMs: now,
      lastModifiedAtMs: now,
    }
    this.store.put('cognitoUserPoolClients', client.clientId, client)
    return client
  }

  findClient = (clientId: string): UserPoolClientRecord | undefined =>
    this.store.get('cognitoUserPoolClients', clientId)

  client(clientId: string): UserPoolClientRecord {
    const client = this.findClient(clientId)
    if (client === undefined) throw resourceNotFound(`User pool client ${clientId} does not exist.`)
    return client
  }

  findClientByName = (userPoolId: string, clientName: string): UserPoolClientRecord | undefined =>
    oldest(
      [...this.store.values('cognitoUserPoolClients')].filter(
        (client) => client.userPoolId === userPoolId && client.clientName === clientName,
      ),
    )

  /**
   * A pool whose username attribute is email gives each user a UUID username
   * (the `sub`) and keeps the address in `email`, as Cognito does.
   */
  createUser(pool: UserPoolRecord, input: NewUser): CognitoUserRecord {
    const signsInWithEmail = pool.usernameAttributes.includes('email')
    if (signsInWithEmail && !EMAIL.test(input.username)) {
      throw invalidParameter('Username should be an email.')
    }
    if (this.findUser(pool, input.username) !== undefined) {
      throw new AwsError('UsernameExistsException', 400, 'User account already exists')
    }
    assertPasswordConforms(pool.passwordPolicy, input.temporaryPassword)
    const sub = randomUUID()
    const username = signsInWithEmail ? sub : input.username
    const attributes = {
      ...input.attributes,
      ...(signsInWithEmail ? { email: input.username } : {}),
      sub,
    }
    const now = this.realNow()
    const user: CognitoUserRecord = {
      userPoolId: pool.id,
      username,
      attributes,
      status: 'FORCE_CHANGE_PASSWORD',
      enabled: true,
      password: createPasswordVerifier(srpPoolName(pool.id), username, input.temporaryPassword),
      passwordSetAtMs: now,
      groupNames: [],
      createdAtMs: now,
      lastModifiedAtMs: now,
    }
    this.#putUser(user)
    return user
  }

  /** By username, or by email address in a pool whose username attribute is email. */
  findUser(pool: UserPoolRecord, name: string): CognitoUserRecord | undefined {
    const direct = this.store.get('cognitoUsers', userKey(pool.id, name))
    if (direct !== undefined || !pool.usernameAttributes.includes('email')) return direct
    const email = name.toLowerCase()
    return this.usersOf(pool.id).find((user) => user.attributes.email?.toLowerCase() === email)
  }

  user(pool: UserPoolRecord, name: string): CognitoUserRecord {
    const user = this.findUser(pool, name)
    if (user === undefined) throw userNotFound()
    return user
  }

  /** Users in creation order, for ListUsers' pages. */
  usersOf = (userPoolId: string): CognitoUserRecord[] =>
    [...this.store.values('cognitoUsers')]
      .filter((user) => user.userPoolId === userPoolId)
      .sort((a, b) => a.createdAtMs - b.createdAtMs || a.username.localeCompare(b.username))

  setPassword(
    pool: UserPoolRecord,
    user: CognitoUserRecord,
    password: string,
    permanent: boolean,
  ): CognitoUserRecord {
    assertPasswordConforms(pool.passwordPolicy, password)
    const now = this.realNow()
    return this.#putUser({
      ...user,
      status: permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD',
      password: createPasswordVerifier(srpPoolName(pool.id), user.username, password),
      passwordSetAtMs: now,
      lastModifiedAtMs: now,
    })
  }

  updateAttributes(
    user: CognitoUserRecord,
    attributes: Readonly<Record<string, string>>,
  ): CognitoUserRecord {
    const { sub: _ignored, ...writable } = attributes
    return this.#putUser({
      ...user,
      attributes: { ...user.attributes, ...writable },
      lastModifiedAtMs: this.realNow(),
    })
  }

  createGroup(input: NewGroup): CognitoGroupRecord {
    this.pool(input.userPoolId)
    if (this.findGroup(input.userPoolId, input.groupName) !== undefined) {
      throw new AwsError('GroupExistsException', 400, 'A group with the name already exists.')
    }
    const now = this.realNow()
    const group: CognitoGroupRecord = {
      ...input,
      createdAtMs: now,
      lastModifiedAtMs: now,
    }
    this.store.put('cognitoGroups', groupKey(input.userPoolId, input.groupName), group)
    return group
  }

  /** UpdateGroup's effect: new description, role and precedence, the same group. */
  replaceGroup(existing: CognitoGroupRecord, wanted: NewGroup): CognitoGroupRecord {
    const group: CognitoGroupRecord = {
      ...wanted,
      createdAtMs: existing.createdAtMs,
      lastModifiedAtMs: this.realNow(),
    }
    this.store.put('cognitoGroups', groupKey(group.userPoolId, group.groupName), group)
    return group
  }

  findGroup = (userPoolId: string, groupName: string): CognitoGroupRecord | undefined =>
    this.store.get('cognitoGroups', groupKey(userPoolId, groupName))

  group(userPoolId: string, groupName: string): CognitoGroupRecord {
    const group = this.findGroup(userPoolId, groupName)
    if (group === undefined) throw resourceNotFound('Group not found.')
    return group
  }

  addUserToGroup(user: CognitoUserRecord, group: CognitoGroupRecord): CognitoUserRecord {
    if (user.groupNames.includes(group.groupName)) return user
    return this.#putUser({
      ...user,
      groupNames: [...user.groupNames, group.groupName],
      lastModifiedAtMs: this.realNow(),
    })
  }

  /** The user's groups that still exist. */
  groupsOf = (user: CognitoUserRecord): CognitoGroupRecord[] =>
    user.groupNames.flatMap((groupName) => {
      const group = this.findGroup(user.userPoolId, groupName)
      return group === undefined ? [] : [group]
    })

  #putUser(user: CognitoUserRecord): CognitoUserRecord {
    this.store.put('cognitoUsers', userKey(user.userPoolId, user.username), user)
    return user
  }
}

function oldest<T extends { readonly createdAtMs: number }>(records: T[]): T | undefined {
  return records.sort((a, b) => a.createdAtMs - b.createdAtMs)[0]
}
