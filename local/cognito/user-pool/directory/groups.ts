import type { LocalCloudSchema } from '../../../state/records.ts'
import type { Store } from '../../../store/store.ts'
import { AwsError } from '../../../edge/aws-error.ts'
import { resourceNotFound } from '../../errors.ts'
import { groupKey, type CognitoGroupRecord, type CognitoUserRecord } from '../../records.ts'
import type { Pools } from './pools.ts'

/**
 * The groups of the user pools in the store. A group's role and precedence
 * decide the ID token's cognito:roles and cognito:preferred_role; who is in
 * a group is kept on the user (users.ts).
 */
export interface NewGroup {
  readonly userPoolId: string
  readonly groupName: string
  readonly description?: string
  readonly roleArn?: string
  readonly precedence?: number
}

export class Groups {
  constructor(
    private readonly store: Store<LocalCloudSchema>,
    private readonly pools: Pools,
    private readonly realNow: () => number,
  ) {}

  create(input: NewGroup): CognitoGroupRecord {
    this.pools.get(input.userPoolId)
    if (this.find(input.userPoolId, input.groupName) !== undefined) {
      throw new AwsError('GroupExistsException', 400, 'A group with the name already exists.')
    }
    const now = this.realNow()
    const group: CognitoGroupRecord = { ...input, createdAtMs: now, lastModifiedAtMs: now }
    this.store.put('cognitoGroups', groupKey(input.userPoolId, input.groupName), group)
    return group
  }

  /** UpdateGroup's effect: new description, role and precedence, the same group. */
  replace(existing: CognitoGroupRecord, wanted: NewGroup): CognitoGroupRecord {
    const group: CognitoGroupRecord = {
      ...wanted,
      createdAtMs: existing.createdAtMs,
      lastModifiedAtMs: this.realNow(),
    }
    this.store.put('cognitoGroups', groupKey(group.userPoolId, group.groupName), group)
    return group
  }

  find = (userPoolId: string, groupName: string): CognitoGroupRecord | undefined =>
    this.store.get('cognitoGroups', groupKey(userPoolId, groupName))

  /** The group, or Cognito's ResourceNotFoundException. */
  get = (userPoolId: string, groupName: string): CognitoGroupRecord => {
    const group = this.find(userPoolId, groupName)
    if (group === undefined) throw resourceNotFound('Group not found.')
    return group
  }

  /** The user's groups that still exist. */
  of = (user: CognitoUserRecord): CognitoGroupRecord[] =>
    user.groupNames.flatMap((groupName) => {
      const group = this.find(user.userPoolId, groupName)
      return group === undefined ? [] : [group]
    })
}
