import type { LocalCloudSchema } from '../../../state/records.ts'
import type { Store } from '../../../store/store.ts'
import { invalidParameter, resourceNotFound } from '../../errors.ts'
import { newUserPoolId, userPoolArn } from '../../ids.ts'
import type { PasswordPolicy, UserPoolRecord } from '../../records.ts'
import { DEFAULT_PASSWORD_POLICY } from '../passwords.ts'
import { createSigningKey } from '../signing-keys.ts'
import { oldest } from './oldest.ts'

/**
 * The user pools in the store, for CreateUserPool, the operations that name
 * a pool and the seeding API. Each pool gets its own signing key pair.
 */
export interface NewUserPool {
  readonly name: string
  readonly passwordPolicy?: Partial<PasswordPolicy>
  readonly usernameAttributes?: readonly string[]
  readonly autoVerifiedAttributes?: readonly string[]
}

export class Pools {
  constructor(
    private readonly store: Store<LocalCloudSchema>,
    private readonly realNow: () => number,
  ) {}

  async create(input: NewUserPool): Promise<UserPoolRecord> {
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

  find = (userPoolId: string): UserPoolRecord | undefined =>
    this.store.get('cognitoUserPools', userPoolId)

  /** The pool, or Cognito's ResourceNotFoundException. */
  get = (userPoolId: string): UserPoolRecord => {
    const pool = this.find(userPoolId)
    if (pool === undefined) throw resourceNotFound(`User pool ${userPoolId} does not exist.`)
    return pool
  }

  findByName = (name: string): UserPoolRecord | undefined =>
    oldest([...this.store.values('cognitoUserPools')].filter((pool) => pool.name === name))
}
