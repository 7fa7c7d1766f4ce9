import {
  CreateJobCommand,
  DescribeJobExecutionCommand,
  DescribeThingGroupCommand,
  GetJobDocumentCommand,
  IoTClient,
  ListThingsInThingGroupCommand,
  type CreateJobCommandInput,
} from '@aws-sdk/client-iot'
import {
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isAccessDeniedError, isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import { eventually } from '../../../../local/testing/eventually.ts'
import { arnOfThing, createThings } from '../../../../local/testing/fleet-helpers.ts'
import { jobHelpers } from '../../../../local/testing/job-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../../../../local/testing/local-cloud-fixture.ts'
import { VIEWER_KEY, withViewerKey } from '../../../../local/testing/viewer-key.ts'
import { jobGroupNameFor } from '../utils/things-target.ts'
import { newJobId } from './create-job.ts'
import { getRetryPlan } from './get-retry-plan.ts'
import { listTagsForResource } from './list-tags-for-resource.ts'
import { retryFailedDevices } from './retry-failed-devices.ts'

/**
 * "Retry failed devices" through the real SDK against a local cloud whose
 * clock runs 600 times fast (a one-minute step timer expires in 0.1 s): the
 * new job reaches exactly the things whose latest execution FAILED or
 * TIMED_OUT, carries the same document text, is created once however often
 * it is asked for, goes through a static group above the target bound, and
 * is refused to a viewer with nothing created.
 */
const cloud = useLocalCloudFixture({ clockSpeed: 600, credentials: withViewerKey })
const { describeJob } = jobHelpers(() => cloud)
let viewer: IoTClient

/** Not a Fleetdeck document, and laid out as its tool wrote it: a retry re-sends it as it is. */
const FOREIGN_DOCUMENT = '{"steps": [{"action": "reboot", "delaySeconds": 5}],\n "note": "vendor"}'

beforeAll(() => {
  viewer = new IoTClient({
    region: 'us-east-1',
    endpoint: cloud.endpoint,
    credentials: VIEWER_KEY,
    maxAttempts: 1,
  })
})

afterAll(() => viewer.destroy())

const statusOf = async (jobId: string, thingName: string) =>
  (await cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName }))).execution?.status

async function createRawJob(
  things: readonly string[],
  extra: Omit<CreateJobCommandInput, 'jobId' | 'targets'> = {},
): Promise<string> {
  const jobId = uniqueName('bad')
  await cloud.iot.send(
    new CreateJobCommand({
      jobId,
      targets: things.map(arnOfThing),
      document: FOREIGN_DOCUMENT,
      ...extra,
    }),
  )
  await eventually(async () => {
    for (const thingName of things) expect(await statusOf(jobId, thingName)).toBeDefined()
  })
  return jobId
}

const start = (thingName: string, stepTimeoutInMinutes?: number) =>
  cloud.jobsData.send(
    new StartNextPendingJobExecutionCommand({
      thingName,
      ...(stepTimeoutInMinutes === undefined ? {} : { stepTimeoutInMinutes }),
    }),
  )
const finish = (jobId: string, thingName: string, status: 'SUCCEEDED' | 'FAILED' | 'REJECTED') =>
  cloud.jobsData.send(new UpdateJobExecutionCommand({ jobId, thingName, status }))

/** failed, failed, timed out, succeeded, rejected, still queued. */
async function jobWithOutcomes() {
  const things = await createThings(cloud.iot, 6, 'retry')
  const [f1 = '', f2 = '', timedOut = '', succeeded = '', rejected = ''] = things
  const jobId = await createRawJob(things, { timeoutConfig: { inProgressTimeoutInMinutes: 600 } })
  for (const thingName of [f1, f2, succeeded, rejected]) await start(thingName)
  await start(timedOut, 1)
  await finish(jobId, f1, 'FAILED')
  await finish(jobId, f2, 'FAILED')
  await finish(jobId, succeeded, 'SUCCEEDED')
  await finish(jobId, rejected, 'REJECTED')
  await eventually(async () => expect(await statusOf(jobId, timedOut)).toBe('TIMED_OUT'))
  return { jobId, things, retried: [f1, f2, timedOut] }
}

describe('retryFailedDevices', () => {
  it('targets exactly the failed and timed-out things with the same document, once', async () => {
    const { jobId, retried } = await jobWithOutcomes()
    const plan = await getRetryPlan(cloud.iot, jobId)
    expect(plan.things.map((thing) => thing.thingName)).toEqual([...retried].sort())
    expect([plan.failed, plan.timedOut]).toEqual([2, 1])
    const retryJobId = newJobId('retry')
    const input = { plan, jobId: retryJobId, username: 'alice' }
    const [first, second] = await Promise.all([
      retryFailedDevices(cloud.iot, input),
      retryFailedDevices(cloud.iot, input),
    ])
    expect([first.created, second.created].sort()).toEqual([false, true])
    const job = await describeJob(retryJobId)
    expect([...(job.targets ?? [])].sort()).toEqual(retried.map(arnOfThing).sort())
    expect(job.targetSelection).toBe('SNAPSHOT')
    expect(job.timeoutConfig?.inProgressTimeoutInMinutes).toBe(600)
    const { document } = await cloud.iot.send(new GetJobDocumentCommand({ jobId: retryJobId }))
    expect(document).toBe(FOREIGN_DOCUMENT)
    expect(await listTagsForResource(cloud.iot, job.jobArn ?? '')).toEqual(
      expect.arrayContaining([
        { Key: 'createdBy', Value: 'alice' },
        { Key: 'retryOf', Value: jobId },
      ]),
    )
    // The retry's executions are queued on those things only.
    await eventually(async () => {
      for (const thingName of retried) expect(await statusOf(retryJobId, thingName)).toBe('QUEUED')
    })
  })

  it('leaves out a device whose automatic retry succeeded', async () => {
    const [healed = '', broken = ''] = await createThings(cloud.iot, 2, 'auto-retry')
    const jobId = await createRawJob([healed, broken], {
      jobExecutionsRetryConfig: { criteriaList: [{ failureType: 'FAILED', numberOfRetries: 1 }] },
    })
    for (const thingName of [healed, broken]) {
      await start(thingName)
      await finish(jobId, thingName, 'FAILED')
    }
    // AWS queued a second attempt of each: one succeeds, one fails again.
    for (const thingName of [healed, broken]) {
      await eventually(async () => expect(await statusOf(jobId, thingName)).toBe('QUEUED'))
      await start(thingName)
    }
    await finish(jobId, healed, 'SUCCEEDED')
    await finish(jobId, broken, 'FAILED')
    const plan = await getRetryPlan(cloud.iot, jobId)
    expect(plan.things.map((thing) => thing.thingName)).toEqual([broken])
  })

  it('puts the things in a static group named after the job above the target bound, and completes it on a second call', async () => {
    const { jobId, retried } = await jobWithOutcomes()
    const plan = await getRetryPlan(cloud.iot, jobId)
    const retryJobId = newJobId('retry')
    const input = { plan, jobId: retryJobId, username: 'alice', bounds: { maxThingTargets: 2 } }
    const first = await retryFailedDevices(cloud.iot, input)
    const thingGroupName = jobGroupNameFor(retryJobId)
    expect(first).toMatchObject({ created: true, thingGroupName })
    const again = await retryFailedDevices(cloud.iot, input)
    expect(again.created).toBe(false)
    const group = await cloud.iot.send(new DescribeThingGroupCommand({ thingGroupName }))
    expect((await describeJob(retryJobId)).targets).toEqual([group.thingGroupArn])
    const members = await cloud.iot.send(new ListThingsInThingGroupCommand({ thingGroupName }))
    expect([...(members.things ?? [])].sort()).toEqual([...retried].sort())
    await eventually(async () => {
      for (const thingName of retried) expect(await statusOf(retryJobId, thingName)).toBe('QUEUED')
    })
  })

  it('is refused to a viewer, and nothing is created', async () => {
    const { jobId } = await jobWithOutcomes()
    const plan = await getRetryPlan(viewer, jobId)
    expect(plan.things).toHaveLength(3)
    const byId = newJobId('retry')
    await expect(
      retryFailedDevices(viewer, { plan, jobId: byId, username: 'eve' }),
    ).rejects.toSatisfy(isAccessDeniedError)
    await expect(describeJob(byId)).rejects.toSatisfy(isNotFoundError)
    const byGroup = newJobId('retry')
    await expect(
      retryFailedDevices(viewer, {
        plan,
        jobId: byGroup,
        username: 'eve',
        bounds: { maxThingTargets: 1 },
      }),
    ).rejects.toSatisfy(isAccessDeniedError)
    await expect(
      cloud.iot.send(new DescribeThingGroupCommand({ thingGroupName: jobGroupNameFor(byGroup) })),
    ).rejects.toSatisfy(isNotFoundError)
    await expect(describeJob(byGroup)).rejects.toSatisfy(isNotFoundError)
  })
})
