import { decodeJwt } from 'jose'
import { beforeEach, describe, expect, it } from 'vitest'
import type { LocalCloudSchema } from '../../state/records.ts'
import { MemoryStore } from '../../store/store.ts'
import type { CognitoGroupRecord } from '../records.ts'
import { clientSettings } from './client-settings.ts'
import { tokensOf } from './sign-in.ts'
import { preferredRole } from './tokens.ts'
import { createUserPoolContext, type UserPoolContext } from './user-pool-context.ts'

const group = (groupName: string, roleArn?: string, precedence?: number): CognitoGroupRecord => ({
  userPoolId: 'us-east-1_Test00000',
  groupName,
  ...(roleArn === undefined ? {} : { roleArn }),
  ...(precedence === undefined ? {} : { precedence }),
  createdAtMs: 0,
  lastModifiedAtMs: 0,
})

describe('cognito:preferred_role', () => {
  it('is the role of the group with the lowest precedence', () => {
    expect(preferredRole([group('viewers', 'viewer', 2), group('operators', 'operator', 1)])).toBe(
      'operator',
    )
  })

  it('ranks groups without precedence last and ignores groups without a role', () => {
    expect(preferredRole([group('none', 'other'), group('viewers', 'viewer', 7)])).toBe('viewer')
    expect(preferredRole([group('plain', undefined, 0), group('viewers', 'viewer', 7)])).toBe(
      'viewer',
    )
    expect(preferredRole([group('only', 'only-role')])).toBe('only-role')
  })

  it('is absent when the lowest groups name different roles, or no group has one', () => {
    expect(preferredRole([group('a', 'role-a', 1), group('b', 'role-b', 1)])).toBeUndefined()
    expect(preferredRole([group('a', 'same', 1), group('b', 'same', 1)])).toBe('same')
    expect(preferredRole([group('plain')])).toBeUndefined()
    expect(preferredRole([])).toBeUndefined()
  })
})

describe('tokens', () => {
  let now = Date.UTC(2026, 0, 5, 12)
  let context: UserPoolContext

  async function signedIn(options: Parameters<typeof clientSettings>[2] = {}) {
    const pool = await context.pools.create({ name: 'test', usernameAttributes: ['email'] })
    const client = context.clients.create(clientSettings(pool.id, 'web', options))
    let user = context.users.create(pool, {
      username: 'ada@example.com',
      attributes: { email_verified: 'true' },
      temporaryPassword: 'Temporary-1!',
    })
    user = context.users.setPassword(pool, user, 'Permanent-1!', true)
    const viewers = context.groups.create({
      userPoolId: pool.id,
      groupName: 'viewers',
      roleArn: 'arn:aws:iam::000000000000:role/fleetdeck-viewer',
      precedence: 2,
    })
    user = context.users.addToGroup(user, viewers)
    const { session } = context.sessions.start(client, user)
    const tokens = await tokensOf(context, { pool, client }, user, session, 'http://127.0.0.1:4566')
    return { pool, client, user, tokens }
  }

  beforeEach(() => {
    now = Date.UTC(2026, 0, 5, 12)
    context = createUserPoolContext(new MemoryStore<LocalCloudSchema>(), () => now)
  })

  it('carry the claims Cognito sets in ID and access tokens', async () => {
    const { pool, client, user, tokens } = await signedIn()
    const iat = now / 1000
    const id = decodeJwt(tokens.IdToken)
    const access = decodeJwt(tokens.AccessToken)
    expect(id).toEqual({
      sub: user.attributes.sub,
      email: 'ada@example.com',
      email_verified: true,
      'cognito:groups': ['viewers'],
      'cognito:roles': ['arn:aws:iam::000000000000:role/fleetdeck-viewer'],
      'cognito:preferred_role': 'arn:aws:iam::000000000000:role/fleetdeck-viewer',
      iss: `http://127.0.0.1:4566/${pool.id}`,
      'cognito:username': user.username,
      origin_jti: expect.any(String),
      aud: client.clientId,
      event_id: expect.any(String),
      token_use: 'id',
      auth_time: iat,
      iat,
      exp: iat + 3600,
      jti: expect.any(String),
    })
    expect(access).toEqual({
      sub: user.attributes.sub,
      'cognito:groups': ['viewers'],
      iss: `http://127.0.0.1:4566/${pool.id}`,
      client_id: client.clientId,
      origin_jti: id.origin_jti,
      event_id: id.event_id,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      auth_time: iat,
      iat,
      exp: iat + 3600,
      jti: expect.any(String),
      username: user.username,
    })
    expect(user.username).toBe(user.attributes.sub)
    expect(access.jti).not.toBe(id.jti)
  })

  it('take no reserved claim from an attribute, even one already stored', async () => {
    const { pool, client, user } = await signedIn()
    // Written past the attribute checks, as data from before them may hold.
    const tampered = {
      ...user,
      groupNames: [],
      attributes: {
        ...user.attributes,
        'cognito:preferred_role': 'arn:aws:iam::000000000000:role/fleetdeck-operator',
        'cognito:roles': 'arn:aws:iam::000000000000:role/fleetdeck-operator',
        'cognito:groups': 'operator',
        'cognito:username': 'someone-else',
        iss: 'https://evil.example',
        aud: 'other-client',
        token_use: 'access',
        exp: '9999999999',
        username: 'someone-else',
        nickname: 'ada',
      },
    }
    const { session } = context.sessions.start(client, tampered)
    const tokens = await tokensOf(
      context,
      { pool, client },
      tampered,
      session,
      'http://127.0.0.1:4566',
    )
    const id = decodeJwt(tokens.IdToken)
    const access = decodeJwt(tokens.AccessToken)
    expect(id).toMatchObject({
      nickname: 'ada',
      'cognito:username': user.username,
      iss: `http://127.0.0.1:4566/${pool.id}`,
      aud: client.clientId,
      token_use: 'id',
      exp: now / 1000 + 3600,
    })
    for (const claim of ['cognito:preferred_role', 'cognito:roles', 'cognito:groups', 'username']) {
      expect(id).not.toHaveProperty([claim])
    }
    expect(access).toMatchObject({ username: user.username, token_use: 'access' })
    expect(access).not.toHaveProperty(['cognito:groups'])
  })

  it('live as long as the app client says', async () => {
    const { tokens } = await signedIn({
      accessTokenValidity: 10,
      idTokenValidity: 1,
      tokenValidityUnits: { AccessToken: 'minutes' },
    })
    const access = decodeJwt(tokens.AccessToken)
    const id = decodeJwt(tokens.IdToken)
    expect((access.exp ?? 0) - (access.iat ?? 0)).toBe(600)
    expect((id.exp ?? 0) - (id.iat ?? 0)).toBe(3600)
    expect(tokens.ExpiresIn).toBe(600)
  })

  it('live at most the local cloud’s cap when one is set (FLEETDECK_TOKEN_LIFETIME_SECONDS)', async () => {
    const lifetimes = async (capSeconds: number) => {
      context = createUserPoolContext(new MemoryStore<LocalCloudSchema>(), () => now, capSeconds)
      const { tokens } = await signedIn({
        accessTokenValidity: 10,
        tokenValidityUnits: { AccessToken: 'minutes' },
      })
      const access = decodeJwt(tokens.AccessToken)
      const id = decodeJwt(tokens.IdToken)
      return [
        (access.exp ?? 0) - (access.iat ?? 0),
        (id.exp ?? 0) - (id.iat ?? 0),
        tokens.ExpiresIn,
      ]
    }
    expect(await lifetimes(2)).toEqual([2, 2, 2])
    // A cap above the client's lifetimes changes nothing.
    expect(await lifetimes(7200)).toEqual([600, 3600, 600])
  })

  it('verify until they expire on the real clock or their session is revoked', async () => {
    const { tokens } = await signedIn({
      accessTokenValidity: 5,
      tokenValidityUnits: { AccessToken: 'minutes' },
    })
    expect(await context.tokens.verify(tokens.AccessToken, 'access')).toMatchObject({ ok: true })
    expect(await context.tokens.verify(tokens.AccessToken, 'id')).toEqual({
      ok: false,
      failure: 'wrongUse',
    })
    expect(await context.tokens.verify('x.y.z', 'access')).toEqual({
      ok: false,
      failure: 'malformed',
    })

    now += 5 * 60_000
    expect(await context.tokens.verify(tokens.AccessToken, 'access')).toEqual({
      ok: false,
      failure: 'expired',
    })
    now -= 60_000
    context.sessions.revoke(String(decodeJwt(tokens.IdToken).origin_jti))
    expect(await context.tokens.verify(tokens.IdToken, 'id')).toEqual({
      ok: false,
      failure: 'revoked',
    })
  })

  it('refuse validity outside Cognito’s limits', () => {
    expect(() =>
      clientSettings('us-east-1_Test00000', 'web', {
        accessTokenValidity: 2,
        tokenValidityUnits: { AccessToken: 'days' },
      }),
    ).toThrow(/Invalid range for token validity/)
    expect(() =>
      clientSettings('us-east-1_Test00000', 'web', {
        refreshTokenValidity: 30,
        tokenValidityUnits: { RefreshToken: 'minutes' },
      }),
    ).toThrow(/Invalid range for token validity/)
  })
})
