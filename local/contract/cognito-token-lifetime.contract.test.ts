import {
  CreateUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider'
import { IoTClient, ListThingsCommand } from '@aws-sdk/client-iot'
import { Amplify } from 'aws-amplify'
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REGION } from '../config.ts'
import { cognitoIdentityCall } from '../testing/cognito-identity-call.ts'
import { cognitoClient, PASSWORD, seedAuth } from '../testing/cognito-helpers.ts'
import {
  uniqueName,
  useLocalCloudFixture,
  type LocalCloudFixture,
} from '../testing/local-cloud-fixture.ts'

/**
 * FLEETDECK_TOKEN_LIFETIME_SECONDS, a test knob below AWS's 5-minute minimum:
 * with it, ID and access tokens and identity pool credentials expire within
 * seconds, so a test can watch a session refresh; refresh tokens and app
 * client settings are untouched. Without it, lifetimes are the app client's.
 */
const CAP_SECONDS = 2
const capped = useLocalCloudFixture({ tokenLifetimeCapSeconds: CAP_SECONDS })
const uncapped = useLocalCloudFixture()

/** A user pool whose client signs in with a password, a viewer in it, and an identity pool. */
interface World {
  readonly endpoint: string
  readonly userPool: CognitoIdentityProviderClient
  readonly userPoolId: string
  readonly clientId: string
  readonly providerName: string
  readonly identityPoolId: string
  readonly username: string
}

async function seedWorld(fixture: LocalCloudFixture): Promise<World> {
  const seeding = fixture.running.cloud.cognito
  const { userPoolId } = await seeding.ensureUserPool({ name: uniqueName('pool') })
  const { clientId } = await seeding.ensureUserPoolClient(userPoolId, 'dashboard', {
    explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  })
  await seeding.ensureGroup({ userPoolId, groupName: 'viewers', role: 'viewer', precedence: 1 })
  const username = uniqueName('viewer')
  await seeding.ensureUser({ userPoolId, username, password: PASSWORD, groupNames: ['viewers'] })
  const host = new URL(fixture.endpoint).host
  const { identityPoolId } = await seeding.ensureIdentityPool({
    name: uniqueName('identities'),
    userPoolId,
    clientId,
    issuerHost: host,
  })
  return {
    endpoint: fixture.endpoint,
    userPool: cognitoClient(fixture.endpoint),
    userPoolId,
    clientId,
    providerName: `${host}/${userPoolId}`,
    identityPoolId,
    username,
  }
}

let short: World
let normal: World

beforeAll(async () => {
  short = await seedWorld(capped)
  normal = await seedWorld(uncapped)
})

afterAll(() => {
  short.userPool.destroy()
  normal.userPool.destroy()
})

async function signInTo(world: World): Promise<AuthenticationResultType> {
  const { AuthenticationResult } = await world.userPool.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: world.clientId,
      AuthParameters: { USERNAME: world.username, PASSWORD },
    }),
  )
  return AuthenticationResult ?? {}
}

const lifetimeOf = (token: string | undefined) => {
  const { exp = 0, iat = 0 } = decodeJwt(token ?? '')
  return exp - iat
}

/** Waits until the real clock is past `epochSeconds`, when the edge and the verifier call it expired. */
async function untilPast(epochSeconds: number): Promise<void> {
  const waitMs = epochSeconds * 1000 - Date.now() + 50
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs))
}

/** GetId then GetCredentialsForIdentity, as Amplify asks the identity pool. */
async function credentialsFor(world: World, idToken: string | undefined) {
  const Logins = { [world.providerName]: idToken ?? '' }
  const id = await cognitoIdentityCall(world.endpoint, 'GetId', {
    IdentityPoolId: world.identityPoolId,
    Logins,
  })
  expect(id.status).toBe(200)
  const { status, body } = await cognitoIdentityCall(world.endpoint, 'GetCredentialsForIdentity', {
    IdentityId: id.body.IdentityId,
    Logins,
  })
  expect(status).toBe(200)
  const issued = body.Credentials as Record<string, unknown>
  return {
    accessKeyId: String(issued.AccessKeyId),
    secretAccessKey: String(issued.SecretKey),
    sessionToken: String(issued.SessionToken),
    expirationMs: Number(issued.Expiration) * 1000,
  }
}

const iotWith = (endpoint: string, credentials: Awaited<ReturnType<typeof credentialsFor>>) =>
  new IoTClient({ region: REGION, endpoint, credentials, maxAttempts: 1 })

describe('with FLEETDECK_TOKEN_LIFETIME_SECONDS', () => {
  it('issues ID and access tokens that last the cap, whatever the app client says', async () => {
    const tokens = await signInTo(short)
    expect(tokens.ExpiresIn).toBe(CAP_SECONDS)
    expect(lifetimeOf(tokens.IdToken)).toBe(CAP_SECONDS)
    expect(lifetimeOf(tokens.AccessToken)).toBe(CAP_SECONDS)
  })

  it('leaves app clients as AWS limits them: 5 minutes at least', async () => {
    await expect(
      short.userPool.send(
        new CreateUserPoolClientCommand({
          UserPoolId: short.userPoolId,
          ClientName: 'too-short',
          IdTokenValidity: CAP_SECONDS,
          TokenValidityUnits: { IdToken: 'seconds' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid range for token validity: IdToken must be between 300 and 86400 seconds.',
    })
  })

  it('issues identity pool credentials that last the cap and are then refused', async () => {
    const { IdToken } = await signInTo(short)
    const credentials = await credentialsFor(short, IdToken)
    const aheadMs = credentials.expirationMs - Date.now()
    expect(aheadMs).toBeGreaterThan(0)
    expect(aheadMs).toBeLessThanOrEqual(CAP_SECONDS * 1000)
    const iot = iotWith(short.endpoint, credentials)
    await iot.send(new ListThingsCommand({}))
    await untilPast(credentials.expirationMs / 1000)
    await expect(iot.send(new ListThingsCommand({}))).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      $metadata: { httpStatusCode: 403 },
    })
    iot.destroy()
  })

  it('refreshes expired tokens with GetTokensFromRefreshToken and REFRESH_TOKEN_AUTH', async () => {
    const first = await signInTo(short)
    await untilPast(decodeJwt(first.AccessToken ?? '').exp ?? 0)
    await expect(
      short.userPool.send(new GetUserCommand({ AccessToken: first.AccessToken })),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has expired',
    })

    const refreshed = await short.userPool.send(
      new GetTokensFromRefreshTokenCommand({
        ClientId: short.clientId,
        RefreshToken: first.RefreshToken,
      }),
    )
    expect(refreshed.AuthenticationResult?.ExpiresIn).toBe(CAP_SECONDS)
    expect(lifetimeOf(refreshed.AuthenticationResult?.IdToken)).toBe(CAP_SECONDS)
    expect(lifetimeOf(refreshed.AuthenticationResult?.AccessToken)).toBe(CAP_SECONDS)
    const { Username } = await short.userPool.send(
      new GetUserCommand({ AccessToken: refreshed.AuthenticationResult?.AccessToken }),
    )
    expect(Username).toBe(short.username)
    const iot = iotWith(
      short.endpoint,
      await credentialsFor(short, refreshed.AuthenticationResult?.IdToken),
    )
    await iot.send(new ListThingsCommand({}))
    iot.destroy()

    // The refresh token is not capped: it still works after the new tokens expire too.
    await untilPast(decodeJwt(refreshed.AuthenticationResult?.AccessToken ?? '').exp ?? 0)
    const again = await short.userPool.send(
      new InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: short.clientId,
        AuthParameters: { REFRESH_TOKEN: first.RefreshToken ?? '' },
      }),
    )
    expect(lifetimeOf(again.AuthenticationResult?.IdToken)).toBe(CAP_SECONDS)
    await short.userPool.send(
      new GetUserCommand({ AccessToken: again.AuthenticationResult?.AccessToken }),
    )
  })

  it('lets Amplify refresh the dashboard session by itself once it expires', async () => {
    const auth = await seedAuth(capped.running.cloud, capped.endpoint)
    Amplify.configure({
      Auth: {
        Cognito: {
          userPoolId: auth.userPoolId,
          userPoolClientId: auth.userPoolClientId,
          userPoolEndpoint: capped.endpoint,
          identityPoolId: auth.identityPoolId,
          identityPoolEndpoint: capped.endpoint,
        },
      },
    })
    try {
      await signIn(auth.viewer)
      const before = await fetchAuthSession()
      const beforeId = before.tokens?.idToken
      expect(lifetimeOf(beforeId?.toString())).toBe(CAP_SECONDS)
      await untilPast(beforeId?.payload.exp ?? 0)

      const after = await fetchAuthSession()
      const afterId = after.tokens?.idToken
      expect(afterId?.toString()).not.toBe(beforeId?.toString())
      expect(afterId?.payload.origin_jti).toBe(beforeId?.payload.origin_jti)
      expect(lifetimeOf(afterId?.toString())).toBe(CAP_SECONDS)
      // A new ID token, so new credentials from the identity pool, which work.
      expect(after.credentials?.accessKeyId).not.toBe(before.credentials?.accessKeyId)
      const iot = new IoTClient({
        region: REGION,
        endpoint: capped.endpoint,
        credentials: after.credentials,
        maxAttempts: 1,
      })
      await iot.send(new ListThingsCommand({}))
      iot.destroy()
    } finally {
      await signOut()
    }
  })
})

describe('without FLEETDECK_TOKEN_LIFETIME_SECONDS', () => {
  it('issues tokens for the app client’s lifetimes and credentials for an hour', async () => {
    const tokens = await signInTo(normal)
    expect(tokens.ExpiresIn).toBe(3600)
    expect(lifetimeOf(tokens.IdToken)).toBe(3600)
    expect(lifetimeOf(tokens.AccessToken)).toBe(3600)
    const credentials = await credentialsFor(normal, tokens.IdToken)
    const aheadMs = credentials.expirationMs - Date.now()
    expect(aheadMs).toBeGreaterThan(59 * 60_000)
    expect(aheadMs).toBeLessThanOrEqual(60 * 60_000)
  })
})
