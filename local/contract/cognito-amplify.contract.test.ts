import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  GetUserCommand,
  NotAuthorizedException,
} from '@aws-sdk/client-cognito-identity-provider'
import {
  CancelJobCommand,
  CreateJobCommand,
  CreateThingCommand,
  IoTClient,
  ListJobsCommand,
  ListThingsCommand,
} from '@aws-sdk/client-iot'
import { Amplify } from 'aws-amplify'
import {
  confirmSignIn,
  fetchAuthSession,
  signIn,
  signOut,
  type AuthSession,
} from 'aws-amplify/auth'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ROLE_GROUPS } from '../../domain/permissions.ts'
import { REGION } from '../config.ts'
import { fleetdeckRoleArn } from '../cognito/cognito-seeding.ts'
import { cognitoClient, seedAuth, type SeededAuth } from '../testing/cognito-helpers.ts'
import { DOCUMENT } from '../testing/fleet-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'

/**
 * Amplify Auth v6 with its default settings (SRP sign-in, refresh through
 * GetTokensFromRefreshToken, credentials from the identity pool), running in
 * Node against the local cloud exactly as the dashboard runs in a browser.
 * Amplify is a singleton: every test signs out after itself.
 */
const cloud = useLocalCloudFixture()
let auth: SeededAuth

beforeAll(async () => {
  auth = await seedAuth(cloud.running.cloud, cloud.endpoint)
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: auth.userPoolId,
        userPoolClientId: auth.userPoolClientId,
        userPoolEndpoint: cloud.endpoint,
        identityPoolId: auth.identityPoolId,
        identityPoolEndpoint: cloud.endpoint,
      },
    },
  })
})

afterEach(async () => {
  await signOut()
})

function iotWith(session: AuthSession): IoTClient {
  const credentials = session.credentials
  if (credentials === undefined) throw new Error('fetchAuthSession gave no credentials')
  return new IoTClient({ region: REGION, endpoint: cloud.endpoint, credentials, maxAttempts: 1 })
}

async function signedInAs(user: { username: string; password: string }): Promise<AuthSession> {
  const result = await signIn(user)
  expect(result.isSignedIn).toBe(true)
  return fetchAuthSession()
}

describe('Amplify sign-in', () => {
  it('signs in with SRP and gets tokens with the user’s groups and AWS credentials', async () => {
    const result = await signIn(auth.operator)
    expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } })

    const session = await fetchAuthSession()
    const idToken = session.tokens?.idToken?.payload
    expect(idToken?.['cognito:groups']).toEqual([ROLE_GROUPS.operator])
    expect(idToken?.email).toBe(auth.operator.username)
    expect(idToken?.['cognito:preferred_role']).toBe(fleetdeckRoleArn('operator'))
    expect(idToken?.iss).toBe(`${cloud.endpoint}/${auth.userPoolId}`)
    expect(session.tokens?.accessToken.payload['cognito:groups']).toEqual([ROLE_GROUPS.operator])
    expect(session.identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/)
    expect(session.credentials?.accessKeyId).toMatch(/^ASIA/)
    const expiresInMs = (session.credentials?.expiration?.getTime() ?? 0) - Date.now()
    expect(expiresInMs).toBeGreaterThan(55 * 60_000)
    expect(expiresInMs).toBeLessThanOrEqual(60 * 60_000)
  })

  it('gives the same identity to the same user at every sign-in', async () => {
    const first = await signedInAs(auth.viewer)
    await signOut()
    const second = await signedInAs(auth.viewer)
    expect(second.identityId).toBe(first.identityId)
    expect(second.credentials?.accessKeyId).not.toBe(first.credentials?.accessKeyId)
  })

  it('refuses a wrong password with NotAuthorizedException', async () => {
    await expect(
      signIn({ username: auth.operator.username, password: 'Wrong-password-1' }),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    })
    await expect(
      signIn({ username: 'nobody@example.com', password: 'Wrong-password-1' }),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' })
  })

  it('refreshes the session through GetTokensFromRefreshToken', async () => {
    const before = await signedInAs(auth.operator)
    // Tokens are stamped in whole seconds; make sure the new ones differ.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const after = await fetchAuthSession({ forceRefresh: true })
    expect(after.tokens?.accessToken.toString()).not.toBe(before.tokens?.accessToken.toString())
    expect(after.tokens?.accessToken.payload.origin_jti).toBe(
      before.tokens?.accessToken.payload.origin_jti,
    )
    expect(after.tokens?.accessToken.payload.iat).toBeGreaterThan(
      before.tokens?.accessToken.payload.iat ?? Infinity,
    )
    expect(after.tokens?.idToken?.payload['cognito:groups']).toEqual([ROLE_GROUPS.operator])
    // New ID token, so new credentials from the identity pool.
    expect(after.credentials?.accessKeyId).not.toBe(before.credentials?.accessKeyId)
    await iotWith(after).send(new ListThingsCommand({}))
  })
})

describe('credentials from the identity pool', () => {
  it('let an operator list things and create a job', async () => {
    const thingName = uniqueName('amplify-thing')
    const { thingArn } = await cloud.iot.send(new CreateThingCommand({ thingName }))
    const iot = iotWith(await signedInAs(auth.operator))
    const { things } = await iot.send(new ListThingsCommand({}))
    expect(things?.map((thing) => thing.thingName)).toContain(thingName)
    const jobId = uniqueName('operator-job')
    await iot.send(new CreateJobCommand({ jobId, targets: [thingArn ?? ''], document: DOCUMENT }))
    await iot.send(new CancelJobCommand({ jobId }))
  })

  it('let a viewer read but refuse CreateJob and CancelJob with AccessDeniedException', async () => {
    const { thingArn } = await cloud.iot.send(
      new CreateThingCommand({ thingName: uniqueName('viewer-thing') }),
    )
    const jobId = uniqueName('viewer-job')
    await cloud.iot.send(
      new CreateJobCommand({ jobId, targets: [thingArn ?? ''], document: DOCUMENT }),
    )
    const iot = iotWith(await signedInAs(auth.viewer))

    const { jobs } = await iot.send(new ListJobsCommand({}))
    expect(jobs?.map((job) => job.jobId)).toContain(jobId)
    const refusals = [
      () =>
        iot.send(
          new CreateJobCommand({
            jobId: uniqueName('denied'),
            targets: [thingArn ?? ''],
            document: DOCUMENT,
          }),
        ),
      () => iot.send(new CancelJobCommand({ jobId })),
    ]
    for (const refusal of refusals) {
      await expect(refusal()).rejects.toMatchObject({
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 403 },
        message: expect.stringContaining(
          'assumed-role/fleetdeck-viewer/CognitoIdentityCredentials',
        ),
      })
    }
  })

  it('are refused to a user in no group: no role to choose (AmbiguousRoleResolution Deny)', async () => {
    await signIn(auth.outsider)
    await expect(fetchAuthSession()).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `The ambiguous role mapping rules for: ${new URL(cloud.endpoint).host}/${auth.userPoolId} denied this request.`,
    })
  })

  it('stop working when they expire: ExpiredTokenException', async () => {
    const { credentials } = await signedInAs(auth.viewer)
    expect(credentials).toBeDefined()
    const shortLived = cloud.running.cloud.temporaryCredentials.issue(
      fleetdeckRoleArn('viewer'),
      'CognitoIdentityCredentials',
      500,
    )
    const iot = new IoTClient({
      region: REGION,
      endpoint: cloud.endpoint,
      credentials: shortLived,
      maxAttempts: 1,
    })
    await iot.send(new ListThingsCommand({}))
    await new Promise((resolve) => setTimeout(resolve, 700))
    await expect(iot.send(new ListThingsCommand({}))).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      $metadata: { httpStatusCode: 403 },
    })
  })
})

describe('a user created by an administrator', () => {
  it('sets a new password at first sign-in (NEW_PASSWORD_REQUIRED)', async () => {
    const username = `${uniqueName('new')}@example.com`
    const admin = cognitoClient(cloud.endpoint)
    await admin.send(
      new AdminCreateUserCommand({
        UserPoolId: auth.userPoolId,
        Username: username,
        TemporaryPassword: 'Temporary-pass-1',
        MessageAction: 'SUPPRESS',
      }),
    )
    await admin.send(
      new AdminAddUserToGroupCommand({
        UserPoolId: auth.userPoolId,
        Username: username,
        GroupName: ROLE_GROUPS.viewer,
      }),
    )
    const first = await signIn({ username, password: 'Temporary-pass-1' })
    expect(first.isSignedIn).toBe(false)
    expect(first.nextStep).toEqual({
      signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED',
      missingAttributes: [],
    })
    await expect(confirmSignIn({ challengeResponse: 'short' })).rejects.toMatchObject({
      name: 'InvalidPasswordException',
    })
    const confirmed = await confirmSignIn({ challengeResponse: 'Brand-new-pass-1' })
    expect(confirmed.isSignedIn).toBe(true)
    const session = await fetchAuthSession()
    expect(session.tokens?.idToken?.payload.email).toBe(username)
    expect(session.tokens?.idToken?.payload['cognito:groups']).toEqual([ROLE_GROUPS.viewer])
    expect(session.credentials).toBeDefined()
    await signOut()

    await expect(signIn({ username, password: 'Temporary-pass-1' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    })
    expect((await signIn({ username, password: 'Brand-new-pass-1' })).isSignedIn).toBe(true)
    admin.destroy()
  })
})

describe('signing out', () => {
  it('everywhere revokes the access token (GetUser: NotAuthorizedException)', async () => {
    const session = await signedInAs(auth.operator)
    const accessToken = session.tokens?.accessToken.toString() ?? ''
    const client = cognitoClient(cloud.endpoint)
    const { Username } = await client.send(new GetUserCommand({ AccessToken: accessToken }))
    expect(Username).toBe(session.tokens?.accessToken.payload.username)

    await signOut({ global: true })
    const refused = await client
      .send(new GetUserCommand({ AccessToken: accessToken }))
      .catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(NotAuthorizedException)
    expect((refused as Error).message).toBe('Access Token has been revoked')
    client.destroy()
  })

  it('on this device revokes the refresh token and the tokens issued from it', async () => {
    const session = await signedInAs(auth.viewer)
    const accessToken = session.tokens?.accessToken.toString() ?? ''
    await signOut()
    const client = cognitoClient(cloud.endpoint)
    await expect(client.send(new GetUserCommand({ AccessToken: accessToken }))).rejects.toThrow(
      'Access Token has been revoked',
    )
    client.destroy()
  })
})
