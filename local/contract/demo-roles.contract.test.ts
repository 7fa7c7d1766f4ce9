import {
  CancelJobCommand,
  CreateJobCommand,
  DeleteJobCommand,
  DescribeEventConfigurationsCommand,
  IoTClient,
  ListJobsCommand,
} from '@aws-sdk/client-iot'
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'
import { Amplify } from 'aws-amplify'
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ROLE_NAMES } from '../../domain/permissions.ts'
import { ACCOUNT_ID, REGION } from '../config.ts'
import { DEMO_USERS, seedDemo, type DemoSeed } from '../seed/demo-seed.ts'
import { arnOfThing, createThings, DOCUMENT } from '../testing/fleet-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'

/**
 * The demo seed, end to end: the users `--seed` prints sign in with Amplify
 * (SRP, as the dashboard does), the identity pool gives each the credentials
 * of its role, and the edge holds each role to domain/permissions.ts on IoT
 * and S3 alike.
 */
const cloud = useLocalCloudFixture()
const DASHBOARD = 'http://127.0.0.1:5173'
let seed: DemoSeed

beforeAll(async () => {
  seed = await seedDemo(cloud.running.cloud, {
    endpoint: cloud.endpoint,
    dashboardOrigins: [DASHBOARD],
  })
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: seed.userPoolId,
        userPoolClientId: seed.userPoolClientId,
        userPoolEndpoint: cloud.endpoint,
        identityPoolId: seed.identityPoolId,
        identityPoolEndpoint: cloud.endpoint,
      },
    },
  })
})

afterEach(async () => {
  await signOut()
})

async function signedInAs(role: 'operator' | 'viewer') {
  const user = seed.users.find((candidate) => candidate.role === role)
  if (user === undefined) throw new Error(`no ${role} in the seed`)
  const result = await signIn({ username: user.username, password: user.password })
  expect(result.isSignedIn).toBe(true)
  const session = await fetchAuthSession()
  const credentials = session.credentials
  if (credentials === undefined) throw new Error('no credentials')
  const config = { region: REGION, endpoint: cloud.endpoint, credentials, maxAttempts: 1 }
  return {
    groups: session.tokens?.idToken?.payload['cognito:groups'],
    iot: new IoTClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
  }
}

async function s3ErrorOf(promise: Promise<unknown>): Promise<{ name: string; status?: number }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  if (!(error instanceof S3ServiceException))
    throw new Error(`expected an S3 error, got ${String(error)}`)
  return { name: error.name, status: error.$metadata.httpStatusCode }
}

describe('the demo seed', () => {
  it('prints the two demo users, and a second run finds everything the first made', async () => {
    expect(seed.users.map((user) => user.username)).toEqual(DEMO_USERS.map((user) => user.username))
    const again = await seedDemo(cloud.running.cloud, {
      endpoint: cloud.endpoint,
      dashboardOrigins: [DASHBOARD],
    })
    expect(again).toEqual(seed)
    const { eventConfigurations } = await cloud.iot.send(new DescribeEventConfigurationsCommand({}))
    expect(eventConfigurations?.JOB?.Enabled).toBe(true)
    expect(eventConfigurations?.JOB_EXECUTION?.Enabled).toBe(true)
  })

  it('lets the dashboard origin, and no other, call the buckets from a browser', async () => {
    const preflight = (origin: string) =>
      fetch(`${cloud.endpoint}/${seed.firmwareBucket}/sensor/2.0.0.bin`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'authorization,x-amz-date,x-amz-content-sha256',
        },
      })
    const allowed = await preflight(DASHBOARD)
    expect(allowed.status).toBe(200)
    expect(allowed.headers.get('access-control-allow-origin')).toBe(DASHBOARD)
    expect((await preflight('https://evil.example')).status).toBe(403)
  })
})

describe('a viewer', () => {
  it('reads jobs and firmware and is refused CreateJob, CancelJob and PutObject', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const jobId = uniqueName('job')
    await cloud.iot.send(
      new CreateJobCommand({ jobId, targets: [arnOfThing(thingName)], document: DOCUMENT }),
    )
    await cloud.running.cloud.s3.putObject(seed.firmwareBucket, 'sensor/1.0.0.bin', 'firmware')

    const viewer = await signedInAs('viewer')
    expect(viewer.groups).toEqual(['viewer'])
    expect((await viewer.iot.send(new ListJobsCommand({}))).jobs?.length).toBeGreaterThan(0)
    const refusal = { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }
    await expect(
      viewer.iot.send(
        new CreateJobCommand({
          jobId: uniqueName('job'),
          targets: [arnOfThing(thingName)],
          document: DOCUMENT,
        }),
      ),
    ).rejects.toMatchObject(refusal)
    await expect(viewer.iot.send(new CancelJobCommand({ jobId }))).rejects.toMatchObject(refusal)

    const object = await viewer.s3.send(
      new GetObjectCommand({ Bucket: seed.firmwareBucket, Key: 'sensor/1.0.0.bin' }),
    )
    expect(await object.Body?.transformToString()).toBe('firmware')
    const listed = await viewer.s3.send(new ListObjectsV2Command({ Bucket: seed.firmwareBucket }))
    expect(listed.Contents?.map((item) => item.Key)).toContain('sensor/1.0.0.bin')
    expect(
      await s3ErrorOf(
        viewer.s3.send(
          new PutObjectCommand({ Bucket: seed.firmwareBucket, Key: 'sensor/9.9.9.bin', Body: 'x' }),
        ),
      ),
    ).toEqual({ name: 'AccessDenied', status: 403 })
  })
})

describe('an operator', () => {
  it('creates and cancels jobs and uploads firmware, but may not delete jobs', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const operator = await signedInAs('operator')
    expect(operator.groups).toEqual(['operator'])
    const jobId = uniqueName('job')
    await operator.iot.send(
      new CreateJobCommand({ jobId, targets: [arnOfThing(thingName)], document: DOCUMENT }),
    )
    await operator.iot.send(new CancelJobCommand({ jobId }))
    const withRole = (role: string) =>
      operator.iot.send(
        new CreateJobCommand({
          jobId: uniqueName('job'),
          targets: [arnOfThing(thingName)],
          document: DOCUMENT,
          presignedUrlConfig: { roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/${role}` },
        }),
      )
    await withRole(ROLE_NAMES.iotPresigner)
    await expect(withRole(ROLE_NAMES.operator)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('iam:PassRole'),
    })
    await expect(operator.iot.send(new DeleteJobCommand({ jobId }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    })
    await operator.s3.send(
      new PutObjectCommand({ Bucket: seed.firmwareBucket, Key: 'sensor/2.0.0.bin', Body: 'v2' }),
    )
    expect(cloud.running.cloud.s3.getObject(seed.firmwareBucket, 'sensor/2.0.0.bin')?.body).toEqual(
      new TextEncoder().encode('v2'),
    )
  })
})
