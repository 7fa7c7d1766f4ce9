import { beforeEach, describe, expect, it } from 'vitest'
import type { LocalCloudSchema } from '../../../state/records.ts'
import { MemoryStore } from '../../../store/store.ts'
import type { UserPoolRecord } from '../../records.ts'
import { Pools } from './pools.ts'
import { Users } from './users.ts'

describe('users’ attributes', () => {
  let users: Users
  let pool: UserPoolRecord

  beforeEach(async () => {
    const store = new MemoryStore<LocalCloudSchema>()
    users = new Users(store, () => Date.UTC(2026, 0, 5))
    pool = await new Pools(store, () => Date.UTC(2026, 0, 5)).create({
      name: 'test',
      usernameAttributes: ['email'],
    })
  })

  const create = (email: string) =>
    users.create(pool, {
      username: email,
      attributes: { email_verified: 'true' },
      temporaryPassword: 'Temporary-1!',
    })

  it('change nothing when one name is refused', () => {
    const ada = create('ada@example.com')
    expect(() =>
      users.updateAttributes(pool, ada, { name: 'Ada', 'cognito:groups': 'operator' }, 'user'),
    ).toThrow(/Attribute does not exist in the schema/)
    expect(users.get(pool, 'ada@example.com').attributes).toEqual(ada.attributes)
  })

  it('make a changed email unverified, and refuse another user’s address', () => {
    const ada = create('ada@example.com')
    create('bob@example.com')
    expect(() => users.updateAttributes(pool, ada, { email: 'BOB@example.com' }, 'user')).toThrow(
      expect.objectContaining({ type: 'AliasExistsException' }),
    )
    const moved = users.updateAttributes(pool, ada, { email: 'ada@example.org' }, 'user')
    expect(moved.attributes).toMatchObject({ email: 'ada@example.org', email_verified: 'false' })
    expect(users.find(pool, 'ada@example.org')?.username).toBe(ada.username)
    const same = users.updateAttributes(
      pool,
      moved,
      { email: 'ada@example.org', name: 'Ada' },
      'user',
    )
    expect(same.attributes.email_verified).toBe('false')
  })
})
