import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CreateGroupCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider'
import { IoTClient, ListThingsCommand } from '@aws-sdk/client-iot'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_CREDENTIALS, REGION } from '../config.ts'
import { fleetdeckRoleArn } from '../cognito/cognito-seeding.ts'
import { cognitoIdentityCall } from '../testing/cognito-identity-call.ts'
import { cognitoClient, PASSWORD } from '../testing/cognito-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'

/**
 * The identity pool on the wire: GetId and GetCredentialsForIdentity as
 * Amplify sends them, and every way a login is refused, plus the signed
 * administration calls.
 */
const cloud = useLocalCloudFixture()
let userPool: CognitoIdentityProviderClient
let userPoolId: string
let clientId: string
let otherClientId: string
let providerName: string
let identityPoolId: string
const users = { viewer: '', operator: '', outsider: '' }

beforeAll(async () => {
  const seeding = cloud.running.cloud.cognito
  ;({ userPoolId } = await seeding.ensureUserPool({ name: uniqueName('pool') }))
  const flows = { explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }
  ;({ clientId } = await seeding.ensureUserPoolClient(userPoolId, 'dashboard', flows))
  ;({ clientId: otherClientId } = await seeding.ensureUserPoolClient(userPoolId, 'other', flows))
  await seeding.ensureGroup({ userPoolId, groupName: 'viewers', role: 'viewer', precedence: 2 })
  await seeding.ensureGroup({ userPoolId, groupName: 'operators', role: 'operator', precedence: 1 })
  for (const [role, groupNames] of [
    ['viewer', ['viewers']],
    ['operator', ['viewers', 'operators']],
    ['outsider', []],
  ] as const) {
    users[role] = uniqueName(role)
    await seeding.ensureUser({ userPoolId, username: users[role], password: PASSWORD, groupNames })
  }
  providerName = `${new URL(cloud.endpoint).host}/${userPoolId}`
  ;({ identityPoolId } = await seeding.ensureIdentityPool({
    name: uniqueName('identities'),
    userPoolId,
    clientId,
    issuerHost: new URL(cloud.endpoint).host,
  }))
  userPool = cognitoClient(cloud.endpoint)
})

afterAll(() => {
  userPool.destroy()
})

async function signIn(username: string, ClientId = clientId): Promise<AuthenticationResultType> {
  const { AuthenticationResult } = await userPool.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId,
      AuthParameters: { USERNAME: username, PASSWORD },
    }),
  )
  return AuthenticationResult ?? {}
}

const getId = (token: string, key = providerName, poolId = identityPoolId) =>
  cognitoIdentityCall(cloud.endpoint, 'GetId', {
    IdentityPoolId: poolId,
    Logins: { [key]: token },
  })

const credentialsFor = (IdentityId: string, token: string, key = providerName) =>
  cognitoIdentityCall(cloud.endpoint, 'GetCredentialsForIdentity', {
    IdentityId,
    Logins: { [key]: token },
  })

const refusal = (type: string, message: string | RegExp) => ({
  status: 400,
  body: {
    __type: type,
    message: typeof message === 'string' ? message : expect.stringMatching(message),
  },
})

describe('GetId and GetCredentialsForIdentity', () => {
  it('exchange an ID token for credentials of the role its groups give', async () => {
    const { IdToken = '' } = await signIn(users.operator)
    const first = await getId(IdToken)
    expect(first.status).toBe(200)
    const identityId = String(first.body.IdentityId)
    expect(identityId).toMatch(
      /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect((await getId(IdToken)).body.IdentityId).toBe(identityId)

    const { status, body } = await credentialsFor(identityId, IdToken)
    expect(status).toBe(200)
    const issued = body.Credentials as Record<string, unknown>
    expect(body.IdentityId).toBe(identityId)
    expect(issued.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/)
    expect(typeof issued.Expiration).toBe('number')
    expect(Number(issued.Expiration) * 1000 - Date.now()).toBeGreaterThan(59 * 60_000)
    expect(Number(issued.Expiration) * 1000 - Date.now()).toBeLessThanOrEqual(60 * 60_000)
    // The operator is in both groups; the lower precedence (operators) wins.
    const session = cloud.running.cloud.temporaryCredentials.lookup(String(issued.AccessKeyId))
    expect(session?.principal.arn).toBe(
      'arn:aws:sts::000000000000:assumed-role/fleetdeck-operator/CognitoIdentityCredentials',
    )
    const iot = new IoTClient({
      region: REGION,
      endpoint: cloud.endpoint,
      maxAttempts: 1,
      credentials: {
        accessKeyId: String(issued.AccessKeyId),
        secretAccessKey: String(issued.SecretKey),
        sessionToken: String(issued.SessionToken),
      },
    })
    await iot.send(new ListThingsCommand({}))
    iot.destroy()
  })

  it('refuse a token for another app client, another provider name or a forged signature', async () => {
    const { IdToken = '', AccessToken = '' } = await signIn(users.viewer)
    const { IdToken: otherAudience = '' } = await signIn(users.viewer, otherClientId)
    expect(await getId(otherAudience)).toEqual(
      refusal('NotAuthorizedException', 'Invalid login token. Incorrect token audience.'),
    )
    expect(await getId(IdToken, `cognito-idp.us-east-1.amazonaws.com/${userPoolId}`)).toEqual(
      refusal('NotAuthorizedException', "Invalid login token. Issuer doesn't match providerName"),
    )
    expect(await getId(IdToken, `${new URL(cloud.endpoint).host}/us-east-1_Unknown00`)).toEqual(
      refusal(
        'NotAuthorizedException',
        'Token is not from a supported provider of this identity pool.',
      ),
    )
    const [header, payload] = IdToken.split('.')
    const forged = `${header}.${payload}.${Buffer.from('not a signature').toString('base64url')}`
    expect(await getId(forged)).toEqual(
      refusal('NotAuthorizedException', "Invalid login token. Couldn't verify signed token."),
    )
    expect(await getId(AccessToken)).toEqual(
      refusal('NotAuthorizedException', "Invalid login token. Couldn't verify signed token."),
    )
    expect(await getId('not-a-jwt')).toEqual(
      refusal(
        'NotAuthorizedException',
        'Invalid login token. Not a valid OpenId Connect identity token.',
      ),
    )
  })

  it('refuse a revoked token, another user’s login, and unknown identities and pools', async () => {
    const viewer = await signIn(users.viewer)
    const operator = await signIn(users.operator)
    const viewerIdentity = String((await getId(viewer.IdToken ?? '')).body.IdentityId)
    expect(await credentialsFor(viewerIdentity, operator.IdToken ?? '')).toEqual(
      refusal('NotAuthorizedException', /^Logins don't match/),
    )
    expect(
      await credentialsFor('us-east-1:00000000-0000-4000-8000-000000000000', viewer.IdToken ?? ''),
    ).toEqual(
      refusal(
        'ResourceNotFoundException',
        "Identity 'us-east-1:00000000-0000-4000-8000-000000000000' not found.",
      ),
    )
    expect(
      await getId(
        viewer.IdToken ?? '',
        providerName,
        'us-east-1:00000000-0000-4000-8000-000000000000',
      ),
    ).toMatchObject(refusal('ResourceNotFoundException', /not found/))
    await userPool.send(new GlobalSignOutCommand({ AccessToken: viewer.AccessToken }))
    expect(await credentialsFor(viewerIdentity, viewer.IdToken ?? '')).toEqual(
      refusal('NotAuthorizedException', 'Invalid login token. Token has been revoked.'),
    )
  })

  it('refuse a user whose groups give no role, and a pool without logins', async () => {
    const { IdToken = '' } = await signIn(users.outsider)
    const identityId = String((await getId(IdToken)).body.IdentityId)
    expect(await credentialsFor(identityId, IdToken)).toEqual(
      refusal(
        'NotAuthorizedException',
        `The ambiguous role mapping rules for: ${providerName} denied this request.`,
      ),
    )
    expect(
      await cognitoIdentityCall(cloud.endpoint, 'GetId', { IdentityPoolId: identityPoolId }),
    ).toEqual(
      refusal(
        'NotAuthorizedException',
        'Unauthenticated access is not supported for this identity pool.',
      ),
    )
  })
})

/** The temporary credentials the identity pool gives a user, as Amplify would use them. */
async function credentialsOf(username: string) {
  const { IdToken = '' } = await signIn(username)
  const identityId = String((await getId(IdToken)).body.IdentityId)
  const { status, body } = await credentialsFor(identityId, IdToken)
  expect(status).toBe(200)
  const issued = body.Credentials as Record<string, unknown>
  return {
    accessKeyId: String(issued.AccessKeyId),
    secretAccessKey: String(issued.SecretKey),
    sessionToken: String(issued.SessionToken),
  }
}

describe('a user answering NEW_PASSWORD_REQUIRED', () => {
  it('may not set cognito: claims or sub as attributes, and so gets no role', async () => {
    const username = uniqueName('self-promoter')
    await userPool.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: username,
        TemporaryPassword: 'Temporary-pass-1',
        MessageAction: 'SUPPRESS',
      }),
    )
    const { ChallengeName, Session } = await userPool.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: username, PASSWORD: 'Temporary-pass-1' },
      }),
    )
    expect(ChallengeName).toBe('NEW_PASSWORD_REQUIRED')
    const answer = (attributes: Record<string, string>) =>
      userPool.send(
        new RespondToAuthChallengeCommand({
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          ClientId: clientId,
          Session,
          ChallengeResponses: {
            USERNAME: username,
            NEW_PASSWORD: PASSWORD,
            ...Object.fromEntries(
              Object.entries(attributes).map(([name, value]) => [`userAttributes.${name}`, value]),
            ),
          },
        }),
      )
    const operatorRole = fleetdeckRoleArn('operator')
    await expect(answer({ 'cognito:preferred_role': operatorRole })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        'Attributes did not conform to the schema: cognito:preferred_role: Attribute does not exist in the schema.\n',
    })
    await expect(
      answer({ 'cognito:groups': 'operators', 'cognito:roles': operatorRole }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('cognito:groups: Attribute does not exist in the schema.'),
    })
    await expect(answer({ sub: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    })

    // The refusals left the session open; a writable attribute is taken.
    const { AuthenticationResult } = await answer({ name: 'Mallory' })
    const idToken = AuthenticationResult?.IdToken ?? ''
    const claims = decodeJwt(idToken)
    expect(claims.name).toBe('Mallory')
    for (const claim of ['cognito:preferred_role', 'cognito:roles', 'cognito:groups']) {
      expect(claims).not.toHaveProperty([claim])
    }
    const identityId = String((await getId(idToken)).body.IdentityId)
    expect(await credentialsFor(identityId, idToken)).toEqual(
      refusal(
        'NotAuthorizedException',
        `The ambiguous role mapping rules for: ${providerName} denied this request.`,
      ),
    )
  })
})

describe('credentials from the identity pool', () => {
  it('are refused the user pool administration, an operator’s as a viewer’s', async () => {
    for (const role of ['viewer', 'operator'] as const) {
      const client = cognitoClient(cloud.endpoint, await credentialsOf(users[role]))
      const username = uniqueName(`made-by-${role}`)
      const refused = (action: string) => ({
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 403 },
        message: expect.stringContaining(
          `assumed-role/fleetdeck-${role}/CognitoIdentityCredentials is not authorized to perform: cognito-idp:${action}`,
        ),
      })
      await expect(
        client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: username,
            MessageAction: 'SUPPRESS',
          }),
        ),
      ).rejects.toMatchObject(refused('AdminCreateUser'))
      await expect(
        client.send(
          new CreateGroupCommand({
            UserPoolId: userPoolId,
            GroupName: username,
            RoleArn: fleetdeckRoleArn('operator'),
            Precedence: 0,
          }),
        ),
      ).rejects.toMatchObject(refused('CreateGroup'))
      client.destroy()
      await expect(
        userPool.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username })),
      ).rejects.toMatchObject({ name: 'UserNotFoundException' })
    }
  })
})

describe('administration', () => {
  it('creates a pool and maps roles, signed by the admin only', async () => {
    const input = {
      IdentityPoolName: uniqueName('admin identities'),
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [{ ProviderName: providerName, ClientId: clientId }],
    }
    expect(await cognitoIdentityCall(cloud.endpoint, 'CreateIdentityPool', input)).toMatchObject({
      status: 403,
      body: { __type: 'MissingAuthenticationTokenException' },
    })
    const created = await cognitoIdentityCall(
      cloud.endpoint,
      'CreateIdentityPool',
      input,
      ADMIN_CREDENTIALS,
    )
    expect(created.status).toBe(200)
    const poolId = String(created.body.IdentityPoolId)
    expect(poolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/)

    // Without a role mapping the pool's authenticated role applies; without one, the pool is misconfigured.
    const { IdToken = '' } = await signIn(users.outsider)
    const identityId = String((await getId(IdToken, providerName, poolId)).body.IdentityId)
    expect(await credentialsFor(identityId, IdToken)).toEqual(
      refusal('InvalidIdentityPoolConfigurationException', /^Invalid identity pool configuration/),
    )
    const unknownProvider = await cognitoIdentityCall(
      cloud.endpoint,
      'SetIdentityPoolRoles',
      {
        IdentityPoolId: poolId,
        Roles: { authenticated: fleetdeckRoleArn('viewer') },
        RoleMappings: {
          'elsewhere/us-east-1_Other0000': { Type: 'Token', AmbiguousRoleResolution: 'Deny' },
        },
      },
      ADMIN_CREDENTIALS,
    )
    expect(unknownProvider).toMatchObject({
      status: 400,
      body: { __type: 'InvalidParameterException' },
    })
    const setRoles = await cognitoIdentityCall(
      cloud.endpoint,
      'SetIdentityPoolRoles',
      { IdentityPoolId: poolId, Roles: { authenticated: fleetdeckRoleArn('viewer') } },
      ADMIN_CREDENTIALS,
    )
    expect(setRoles.status).toBe(200)
    const { status, body } = await credentialsFor(identityId, IdToken)
    expect(status).toBe(200)
    const key = String((body.Credentials as Record<string, unknown>).AccessKeyId)
    expect(cloud.running.cloud.temporaryCredentials.lookup(key)?.principal.role).toBe('viewer')
    const roles = await cognitoIdentityCall(
      cloud.endpoint,
      'GetIdentityPoolRoles',
      { IdentityPoolId: poolId },
      ADMIN_CREDENTIALS,
    )
    expect(roles.body).toEqual({
      IdentityPoolId: poolId,
      Roles: { authenticated: fleetdeckRoleArn('viewer') },
      RoleMappings: {},
    })
  })
})
