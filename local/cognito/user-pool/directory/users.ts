import { randomUUID } from 'node:crypto'
import type { LocalCloudSchema } from '../../../state/records.ts'
import type { Store } from '../../../store/store.ts'
import { AwsError } from '../../../edge/aws-error.ts'
import { invalidParameter, userNotFound } from '../../errors.ts'
import {
  userKey,
  type CognitoGroupRecord,
  type CognitoUserRecord,
  type UserPoolRecord,
} from '../../records.ts'
import { assertPasswordConforms } from '../passwords.ts'
import { createPasswordVerifier, srpPoolName } from '../srp.ts'
import { assertWritable, type AttributeWriter } from '../user-attributes.ts'

/**
 * The users of the user pools in the store: creation, look-up by username
 * or email, passwords, attributes and group membership. Attributes are
 * checked by user-attributes.ts on every write.
 */
export interface NewUser {
  readonly username: string
  readonly attributes?: Readonly<Record<string, string>>
  readonly temporaryPassword: string
}

const EMAIL = /^[^@\s]+@[^@\s]+$/

/** A changed address is no longer verified, as in Cognito, unless the same write verifies it. */
const VERIFIED_BY = { email: 'email_verified', phone_number: 'phone_number_verified' } as const

export class Users {
  constructor(
    private readonly store: Store<LocalCloudSchema>,
    private readonly realNow: () => number,
  ) {}

  /**
   * A pool whose username attribute is email gives each user a UUID username
   * (the `sub`) and keeps the address in `email`, as Cognito does.
   */
  create(pool: UserPoolRecord, input: NewUser): CognitoUserRecord {
    const signsInWithEmail = pool.usernameAttributes.includes('email')
    if (signsInWithEmail && !EMAIL.test(input.username)) {
      throw invalidParameter('Username should be an email.')
    }
    assertWritable(input.attributes ?? {}, 'admin')
    if (this.find(pool, input.username) !== undefined) {
      throw new AwsError('UsernameExistsException', 400, 'User account already exists')
    }
    assertPasswordConforms(pool.passwordPolicy, input.temporaryPassword)
    const sub = randomUUID()
    const username = signsInWithEmail ? sub : input.username
    const now = this.realNow()
    return this.#put({
      userPoolId: pool.id,
      username,
      attributes: {
        ...input.attributes,
        ...(signsInWithEmail ? { email: input.username } : {}),
        sub,
      },
      status: 'FORCE_CHANGE_PASSWORD',
      enabled: true,
      password: createPasswordVerifier(srpPoolName(pool.id), username, input.temporaryPassword),
      passwordSetAtMs: now,
      groupNames: [],
      createdAtMs: now,
      lastModifiedAtMs: now,
    })
  }

  /** By username, or by email address in a pool whose username attribute is email. */
  find = (pool: UserPoolRecord, name: string): CognitoUserRecord | undefined => {
    const direct = this.store.get('cognitoUsers', userKey(pool.id, name))
    if (direct !== undefined || !pool.usernameAttributes.includes('email')) return direct
    const email = name.toLowerCase()
    return this.inPool(pool.id).find((user) => user.attributes.email?.toLowerCase() === email)
  }

  /** The user, or Cognito's UserNotFoundException. */
  get = (pool: UserPoolRecord, name: string): CognitoUserRecord => {
    const user = this.find(pool, name)
    if (user === undefined) throw userNotFound()
    return user
  }

  /** Users in creation order, for ListUsers' pages. */
  inPool = (userPoolId: string): CognitoUserRecord[] =>
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
    return this.#put({
      ...user,
      status: permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD',
      password: createPasswordVerifier(srpPoolName(pool.id), user.username, password),
      passwordSetAtMs: now,
      lastModifiedAtMs: now,
    })
  }

  /** Checks every name first, so a refused write changes nothing. */
  updateAttributes(
    pool: UserPoolRecord,
    user: CognitoUserRecord,
    attributes: Readonly<Record<string, string>>,
    writer: AttributeWriter,
  ): CognitoUserRecord {
    assertWritable(attributes, writer)
    if (attributes.email !== undefined) this.#assertEmailAvailable(pool, user, attributes.email)
    const unverified = Object.entries(VERIFIED_BY).flatMap(([address, flag]) => {
      const value = attributes[address]
      return value === undefined || value === user.attributes[address] || flag in attributes
        ? []
        : [[flag, 'false'] as const]
    })
    return this.#put({
      ...user,
      attributes: { ...user.attributes, ...attributes, ...Object.fromEntries(unverified) },
      lastModifiedAtMs: this.realNow(),
    })
  }

  addToGroup(user: CognitoUserRecord, group: CognitoGroupRecord): CognitoUserRecord {
    if (user.groupNames.includes(group.groupName)) return user
    return this.#put({
      ...user,
      groupNames: [...user.groupNames, group.groupName],
      lastModifiedAtMs: this.realNow(),
    })
  }

  /** In a pool that signs in with email, the address names one user only. */
  #assertEmailAvailable(pool: UserPoolRecord, user: CognitoUserRecord, email: string): void {
    if (!pool.usernameAttributes.includes('email')) return
    if (!EMAIL.test(email)) throw invalidParameter('Invalid email address format.')
    const holder = this.find(pool, email)
    if (holder !== undefined && holder.username !== user.username) {
      throw new AwsError(
        'AliasExistsException',
        400,
        'An account with the given email already exists.',
      )
    }
  }

  #put(user: CognitoUserRecord): CognitoUserRecord {
    this.store.put('cognitoUsers', userKey(user.userPoolId, user.username), user)
    return user
  }
}
