import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GroupExistsException,
  InitiateAuthCommand,
  InvalidParameterException,
  ListUsersCommand,
  NotAuthorizedException,
  ResourceNotFoundException,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  UserNotFoundException,
  UsernameExistsException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider'
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fleetdeckRoleArn } from '../cognito/cognito-seeding.ts'
import { answerPasswordVerifier, loadAmplifySrp } from '../testing/amplify-srp.ts'
import { cognitoClient, PASSWORD } from '../testing/cognito-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import { VIEWER_KEY, withViewerKey } from '../testing/viewer-key.ts'

/**
 * The user pool through the real SDK client: the admin operations the seed
 * and tools use, the sign-in flows, tokens and their verification with the
 * published JWKS, refresh and revocation, and Cognito's errors.
 */
const VIEWER = VIEWER_KEY

const cloud = useLocalCloudFixture({ credentials: withViewerKey })
let admin: CognitoIdentityProviderClient
let userPoolId: string
let clientId: string

beforeAll(async () => {
  admin = cognitoClient(cloud.endpoint)
  const { UserPool } = await admin.send(new CreateUserPoolCommand({ PoolName: uniqueName('pool') }))
  userPoolId = UserPool?.Id ?? ''
  const { UserPoolClient } = await admin.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'tools',
      ExplicitAuthFlows: [
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_USER_SRP_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ],
      AccessTokenValidity: 5,
      IdTokenValidity: 2,
      RefreshTokenValidity: 90,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'minutes' },
    }),
  )
  clientId = UserPoolClient?.ClientId ?? ''
})

afterAll(() => {
  admin.destroy()
})

async function confirmedUser(username = uniqueName('user'), groupNames: string[] = []) {
  await admin.send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: username,
      UserAttributes: [
        { Name: 'email', Value: `${username}@example.com` },
        { Name: 'email_verified', Value: 'true' },
      ],
      MessageAction: 'SUPPRESS',
    }),
  )
  await admin.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: username,
      Password: PASSWORD,
      Permanent: true,
    }),
  )
  for (const GroupName of groupNames) {
    await admin.send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName }),
    )
  }
  return username
}

const passwordAuth = (username: string, password = PASSWORD, ClientId = clientId) =>
  admin.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  )

describe('administration', () => {
  it('creates and describes a user pool and an app client with Cognito’s shapes', async () => {
    expect(userPoolId).toMatch(/^us-east-1_[0-9a-zA-Z]{9}$/)
    expect(clientId).toMatch(/^[a-z0-9]{26}$/)
    const { UserPool } = await admin.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }))
    expect(UserPool?.Arn).toBe(`arn:aws:cognito-idp:us-east-1:000000000000:userpool/${userPoolId}`)
    expect(UserPool?.Policies?.PasswordPolicy).toMatchObject({
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    })
    expect(UserPool?.CreationDate).toBeInstanceOf(Date)
    expect(Math.abs((UserPool?.CreationDate?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000)
  })

  it('creates users in FORCE_CHANGE_PASSWORD and confirms them with a permanent password', async () => {
    const username = uniqueName('created')
    const { User } = await admin.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: username,
        TemporaryPassword: 'Temporary-pass-1',
        UserAttributes: [{ Name: 'email', Value: 'created@example.com' }],
        MessageAction: 'SUPPRESS',
      }),
    )
    expect(User).toMatchObject({
      Username: username,
      Enabled: true,
      UserStatus: 'FORCE_CHANGE_PASSWORD',
    })
    expect(User?.Attributes).toContainEqual({ Name: 'email', Value: 'created@example.com' })
    expect(User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value).toMatch(
      /^[0-9a-f-]{36}$/,
    )

    await expect(
      admin.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: username,
          MessageAction: 'SUPPRESS',
        }),
      ),
    ).rejects.toBeInstanceOf(UsernameExistsException)
    await expect(
      admin.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: userPoolId,
          Username: username,
          Password: 'alllowercase1!',
          Permanent: true,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password must have uppercase characters',
    })

    await admin.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: username,
        Password: PASSWORD,
        Permanent: true,
      }),
    )
    const fetched = await admin.send(
      new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }),
    )
    expect(fetched.UserStatus).toBe('CONFIRMED')
    await expect(
      admin.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: 'nobody' })),
    ).rejects.toBeInstanceOf(UserNotFoundException)
  })

  it('creates groups with roles and adds users to them', async () => {
    const groupName = uniqueName('group')
    const { Group } = await admin.send(
      new CreateGroupCommand({
        UserPoolId: userPoolId,
        GroupName: groupName,
        RoleArn: fleetdeckRoleArn('viewer'),
        Precedence: 5,
      }),
    )
    expect(Group).toMatchObject({
      GroupName: groupName,
      RoleArn: fleetdeckRoleArn('viewer'),
      Precedence: 5,
    })
    await expect(
      admin.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: groupName })),
    ).rejects.toBeInstanceOf(GroupExistsException)
    const username = await confirmedUser(undefined, [groupName])
    const { Groups } = await admin.send(
      new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }),
    )
    expect(Groups?.map((group) => group.GroupName)).toEqual([groupName])
    await expect(
      admin.send(
        new AdminAddUserToGroupCommand({
          UserPoolId: userPoolId,
          Username: username,
          GroupName: 'missing',
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
  })

  it('lists users page by page and by filter', async () => {
    const prefix = uniqueName('listed')
    const names = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]
    for (const name of names) await confirmedUser(name)
    const seen: string[] = []
    let token: string | undefined
    do {
      const page = await admin.send(
        new ListUsersCommand({
          UserPoolId: userPoolId,
          Limit: 2,
          PaginationToken: token,
          Filter: `username ^= "${prefix}"`,
        }),
      )
      expect(page.Users?.length).toBeLessThanOrEqual(2)
      seen.push(...(page.Users ?? []).map((user) => user.Username ?? ''))
      token = page.PaginationToken
    } while (token !== undefined)
    expect(seen).toEqual(names)
    const { Users } = await admin.send(
      new ListUsersCommand({ UserPoolId: userPoolId, Filter: `email = "${prefix}-b@example.com"` }),
    )
    expect(Users?.map((user) => user.Username)).toEqual([`${prefix}-b`])
    await expect(
      admin.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: 'nonsense' })),
    ).rejects.toBeInstanceOf(InvalidParameterException)
  })

  it('answers ResourceNotFoundException for a pool that does not exist', async () => {
    await expect(
      admin.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_Missing00' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
  })

  it('refuses viewers the admin operations and answers NotImplemented for the rest', async () => {
    const viewer = cognitoClient(cloud.endpoint, VIEWER)
    await expect(
      viewer.send(new CreateUserPoolCommand({ PoolName: 'nope' })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    })
    viewer.destroy()
    await expect(
      admin.send(new DeleteUserPoolCommand({ UserPoolId: userPoolId })),
    ).rejects.toMatchObject({
      name: 'NotImplementedException',
      $metadata: { httpStatusCode: 501 },
    })
  })
})

describe('sign-in', () => {
  it('issues RS256 tokens with Cognito’s claims, verifiable with the pool’s JWKS', async () => {
    const group = uniqueName('operators')
    await admin.send(
      new CreateGroupCommand({
        UserPoolId: userPoolId,
        GroupName: group,
        RoleArn: fleetdeckRoleArn('operator'),
        Precedence: 1,
      }),
    )
    const username = await confirmedUser(undefined, [group])
    const { AuthenticationResult } = await passwordAuth(username)
    expect(AuthenticationResult?.TokenType).toBe('Bearer')
    expect(AuthenticationResult?.ExpiresIn).toBe(300)
    const issuer = `${cloud.endpoint}/${userPoolId}`
    const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`))
    const id = await jwtVerify(AuthenticationResult?.IdToken ?? '', jwks, {
      issuer,
      audience: clientId,
    })
    const access = await jwtVerify(AuthenticationResult?.AccessToken ?? '', jwks, { issuer })
    expect(decodeProtectedHeader(AuthenticationResult?.IdToken ?? '')).toEqual({
      alg: 'RS256',
      kid: expect.any(String),
    })
    expect(id.payload).toMatchObject({
      token_use: 'id',
      'cognito:username': username,
      email: `${username}@example.com`,
      email_verified: true,
      'cognito:groups': [group],
      'cognito:roles': [fleetdeckRoleArn('operator')],
      'cognito:preferred_role': fleetdeckRoleArn('operator'),
    })
    expect((id.payload.exp ?? 0) - (id.payload.iat ?? 0)).toBe(2 * 3600)
    expect(access.payload).toMatchObject({
      token_use: 'access',
      client_id: clientId,
      username,
      scope: 'aws.cognito.signin.user.admin',
      'cognito:groups': [group],
      origin_jti: id.payload.origin_jti,
      sub: id.payload.sub,
    })
    expect((access.payload.exp ?? 0) - (access.payload.iat ?? 0)).toBe(300)
    const { Username } = await admin.send(
      new GetUserCommand({ AccessToken: AuthenticationResult?.AccessToken }),
    )
    expect(Username).toBe(username)

    const discovery = (await (
      await fetch(`${issuer}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>
    expect(discovery).toMatchObject({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json` })
  })

  it('refuses a wrong password, an unknown user and a flow the client does not allow', async () => {
    const username = await confirmedUser()
    await expect(passwordAuth(username, 'Wrong-password-1')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    })
    await expect(passwordAuth('nobody-at-all')).rejects.toBeInstanceOf(UserNotFoundException)
    const { UserPoolClient } = await admin.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: 'srp-only',
        PreventUserExistenceErrors: 'ENABLED',
      }),
    )
    await expect(passwordAuth(username, PASSWORD, UserPoolClient?.ClientId)).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    })
    await expect(
      admin.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_SRP_AUTH',
          ClientId: UserPoolClient?.ClientId,
          AuthParameters: { USERNAME: 'nobody-at-all', SRP_A: 'abc123' },
        }),
      ),
    ).resolves.toMatchObject({ ChallengeName: 'PASSWORD_VERIFIER' })
    await expect(passwordAuth(username, PASSWORD, 'unknownclientid')).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    )
  })

  it('answers SRP once per secret block, and checks the TIMESTAMP', async () => {
    const username = await confirmedUser()
    const srp = await loadAmplifySrp()
    const start = async () => {
      const helper = await srp.getAuthenticationHelper(userPoolId.split('_')[1] ?? '')
      const { ChallengeParameters, Session } = await admin.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_SRP_AUTH',
          ClientId: clientId,
          AuthParameters: { USERNAME: username, SRP_A: helper.A.toString(16) },
        }),
      )
      expect(Session).toBeUndefined()
      expect(ChallengeParameters).toMatchObject({ USERNAME: username, USER_ID_FOR_SRP: username })
      return { helper, challenge: ChallengeParameters ?? {} }
    }
    const respond = (ChallengeResponses: Record<string, string>) =>
      admin.send(
        new RespondToAuthChallengeCommand({
          ChallengeName: 'PASSWORD_VERIFIER',
          ClientId: clientId,
          ChallengeResponses,
        }),
      )

    const first = await start()
    const answer = await answerPasswordVerifier(
      srp,
      first.helper,
      userPoolId,
      PASSWORD,
      first.challenge,
    )
    const { AuthenticationResult } = await respond(answer)
    expect(decodeJwt(AuthenticationResult?.AccessToken ?? '').username).toBe(username)
    await expect(respond(answer)).rejects.toThrow('Incorrect username or password.')

    const second = await start()
    await expect(
      respond(
        await answerPasswordVerifier(
          srp,
          second.helper,
          userPoolId,
          PASSWORD,
          second.challenge,
          '2026-01-01T00:00:00Z',
        ),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.',
    })
    const third = await start()
    await expect(
      respond(
        await answerPasswordVerifier(
          srp,
          third.helper,
          userPoolId,
          PASSWORD,
          third.challenge,
          'Mon Jan 05 00:00:00 UTC 2026',
        ),
      ),
    ).rejects.toBeInstanceOf(NotAuthorizedException)
    const fourth = await start()
    await expect(
      respond(
        await answerPasswordVerifier(
          srp,
          fourth.helper,
          userPoolId,
          'Wrong-password-1',
          fourth.challenge,
        ),
      ),
    ).rejects.toThrow('Incorrect username or password.')
  })
})

describe('refresh and revocation', () => {
  it('refreshes with REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken until RevokeToken', async () => {
    const username = await confirmedUser()
    const { AuthenticationResult: first } = await passwordAuth(username)
    const refreshToken = first?.RefreshToken ?? ''
    const viaInitiate = await admin.send(
      new InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    )
    expect(viaInitiate.AuthenticationResult?.RefreshToken).toBeUndefined()
    const viaGetTokens = await admin.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: refreshToken }),
    )
    const refreshedAccess = viaGetTokens.AuthenticationResult?.AccessToken ?? ''
    expect(decodeJwt(refreshedAccess).origin_jti).toBe(
      decodeJwt(first?.AccessToken ?? '').origin_jti,
    )

    await admin.send(new RevokeTokenCommand({ ClientId: clientId, Token: refreshToken }))
    await expect(
      admin.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: refreshToken }),
      ),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    })
    await expect(admin.send(new GetUserCommand({ AccessToken: refreshedAccess }))).rejects.toThrow(
      'Access Token has been revoked',
    )
    await expect(
      admin.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: 'made-up.token' }),
      ),
    ).rejects.toThrow('Invalid Refresh Token')
  })

  it('refuses a forged access token', async () => {
    const username = await confirmedUser()
    const { AuthenticationResult } = await passwordAuth(username)
    const [header, payload, signature] = (AuthenticationResult?.AccessToken ?? '').split('.')
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()),
        username: 'someone-else',
      }),
    ).toString('base64url')
    await expect(
      admin.send(new GetUserCommand({ AccessToken: `${header}.${forged}.${signature}` })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Access Token' })
  })
})
