import type { LocalCloudSchema } from '../../../state/records.ts'
import type { Store } from '../../../store/store.ts'
import { resourceNotFound } from '../../errors.ts'
import { newClientId } from '../../ids.ts'
import type { UserPoolClientRecord } from '../../records.ts'
import { oldest } from './oldest.ts'
import type { Pools } from './pools.ts'

/** The app clients of the user pools in the store (settings come from client-settings.ts). */
export type NewUserPoolClient = Omit<
  UserPoolClientRecord,
  'clientId' | 'createdAtMs' | 'lastModifiedAtMs'
>

export class AppClients {
  constructor(
    private readonly store: Store<LocalCloudSchema>,
    private readonly pools: Pools,
    private readonly realNow: () => number,
  ) {}

  create(input: NewUserPoolClient): UserPoolClientRecord {
    this.pools.get(input.userPoolId)
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

  find = (clientId: string): UserPoolClientRecord | undefined =>
    this.store.get('cognitoUserPoolClients', clientId)

  /** The client, or Cognito's ResourceNotFoundException. */
  get = (clientId: string): UserPoolClientRecord => {
    const client = this.find(clientId)
    if (client === undefined) throw resourceNotFound(`User pool client ${clientId} does not exist.`)
    return client
  }

  findByName = (userPoolId: string, clientName: string): UserPoolClientRecord | undefined =>
    oldest(
      [...this.store.values('cognitoUserPoolClients')].filter(
        (client) => client.userPoolId === userPoolId && client.clientName === clientName,
      ),
    )
}
