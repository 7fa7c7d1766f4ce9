import {
  DescribeJobExecutionCommand,
  IoTClient,
  type JobExecutionStatus,
} from '@aws-sdk/client-iot'
import {
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ValidationError } from '@domain/validation.ts'
import { isAccessDeniedError } from '@/lib/aws/aws-error-message.ts'
import { eventually } from '../../../../local/testing/eventually.ts'
import { arnOfThing, createThings } from '../../../../local/testing/fleet-helpers.ts'
import { jobHelpers } from '../../../../local/testing/job-helpers.ts'
import { useLocalCloudFixture } from '../../../../local/testing/local-cloud-fixture.ts'
import { VIEWER_KEY, withViewerKey } from '../../../../local/testing/viewer-key.ts'
import { cancelJob } from './cancel-job.ts'
import { cancelJobExecution } from './cancel-job-execution.ts'

/**
 * CancelJob and CancelJobExecution through the real SDK against a local
 * cloud: what cancel and force-cancel do to queued and running executions,
 * what a device mid-update meets afterwards, and that a viewer is refused.
 */
const cloud = useLocalCloudFixture({ credentials: withViewerKey })
const { describeJob, createJob } = jobHelpers(() => cloud)
let viewer: IoTClient

beforeAll(() => {
  viewer = new IoTClient({
    region: 'us-east-1',
    endpoint: cloud.endpoint,
    credentials: VIEWER_KEY,
    maxAttempts: 1,
  })
})

afterAll(() => viewer.destroy())

async function statusOf(jobId: string, thingName: string): Promise<JobExecutionStatus | undefined> {
  const { execution } = await cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName }))
  return execution?.status
}

/** A job on `count` new things whose first `started` executions are IN_PROGRESS, the rest QUEUED. */
async function jobWithExecutions(count: number, started: number) {
  const things = await createThings(cloud.iot, count, 'cancel')
  const jobId = await createJob({ targets: things.map(arnOfThing) })
  await eventually(async () => {
    for (const thingName of things) expect(await statusOf(jobId, thingName)).toBe('QUEUED')
  })
  for (const thingName of things.slice(0, started)) {
    await cloud.jobsData.send(
      new StartNextPendingJobExecutionCommand({ thingName, statusDetails: { step: 'download' } }),
    )
  }
  return { jobId, things }
}

const statuses = (jobId: string, things: readonly string[]) =>
  Promise.all(things.map((thingName) => statusOf(jobId, thingName)))

describe('cancelJob', () => {
  it('without force cancels the queued executions and lets the running ones finish', async () => {
    const { jobId, things } = await jobWithExecutions(4, 2)
    await cancelJob(cloud.iot, {
      jobId,
      force: false,
      comment: 'Boot failures on the canary',
      reasonCode: 'BOOT_FAILURES',
    })
    expect(await statuses(jobId, things)).toEqual([
      'IN_PROGRESS',
      'IN_PROGRESS',
      'CANCELED',
      'CANCELED',
    ])
    const job = await describeJob(jobId)
    expect([job.status, job.forceCanceled ?? false]).toEqual(['CANCELED', false])
    expect([job.comment, job.reasonCode]).toEqual(['Boot failures on the canary', 'BOOT_FAILURES'])
    // A running device finishes normally.
    await cloud.jobsData.send(
      new UpdateJobExecutionCommand({ jobId, thingName: things[0], status: 'SUCCEEDED' }),
    )
    expect(await statusOf(jobId, things[0] ?? '')).toBe('SUCCEEDED')
  })

  it('with force cancels the running executions too, and the device’s later updates are refused', async () => {
    const { jobId, things } = await jobWithExecutions(3, 1)
    await cancelJob(cloud.iot, { jobId, force: true })
    expect(await statuses(jobId, things)).toEqual(['CANCELED', 'CANCELED', 'CANCELED'])
    expect((await describeJob(jobId)).forceCanceled).toBe(true)
    // AWS does not stop the device: it carries on, and its report is refused.
    await expect(
      cloud.jobsData.send(
        new UpdateJobExecutionCommand({ jobId, thingName: things[0], status: 'SUCCEEDED' }),
      ),
    ).rejects.toThrow()
    expect(await statusOf(jobId, things[0] ?? '')).toBe('CANCELED')
  })

  it('force-cancels what a plain cancel left running', async () => {
    const { jobId, things } = await jobWithExecutions(2, 1)
    await cancelJob(cloud.iot, { jobId, force: false })
    expect(await statuses(jobId, things)).toEqual(['IN_PROGRESS', 'CANCELED'])
    await cancelJob(cloud.iot, { jobId, force: true })
    expect(await statuses(jobId, things)).toEqual(['CANCELED', 'CANCELED'])
  })

  it('refuses a bad comment or reason code before calling AWS', async () => {
    const { jobId } = await jobWithExecutions(1, 0)
    await expect(
      cancelJob(cloud.iot, { jobId, force: false, reasonCode: 'not upper' }),
    ).rejects.toThrow(ValidationError)
    await expect(
      cancelJob(cloud.iot, { jobId, force: false, comment: 'two\nlines' }),
    ).rejects.toThrow(/control characters/)
    await expect(
      cancelJob(cloud.iot, { jobId, force: false, comment: 'x'.repeat(2029) }),
    ).rejects.toThrow(/2028/)
    expect((await describeJob(jobId)).status).toBe('IN_PROGRESS')
    // Blank fields are left out rather than refused.
    await cancelJob(cloud.iot, { jobId, force: false, comment: '  ', reasonCode: '' })
    expect((await describeJob(jobId)).status).toBe('CANCELED')
  })
})

describe('cancelJobExecution', () => {
  it('cancels a queued execution, and a running one only with force', async () => {
    const { jobId, things } = await jobWithExecutions(3, 1)
    const [running = '', queued = '', other = ''] = things
    await cancelJobExecution(cloud.iot, { jobId, thingName: queued, force: false })
    expect(await statusOf(jobId, queued)).toBe('CANCELED')
    const refused = cancelJobExecution(cloud.iot, { jobId, thingName: running, force: false })
    await expect(refused).rejects.toMatchObject({ name: 'InvalidStateTransitionException' })
    expect(await statusOf(jobId, running)).toBe('IN_PROGRESS')
    await cancelJobExecution(cloud.iot, { jobId, thingName: running, force: true })
    expect(await statuses(jobId, things)).toEqual(['CANCELED', 'CANCELED', 'QUEUED'])
    expect(await statusOf(jobId, other)).toBe('QUEUED')
    expect((await describeJob(jobId)).status).toBe('IN_PROGRESS')
  })
})

describe('a viewer', () => {
  it('is refused cancel and cancel of an execution, and nothing changes', async () => {
    const { jobId, things } = await jobWithExecutions(2, 1)
    await expect(cancelJob(viewer, { jobId, force: true })).rejects.toSatisfy(isAccessDeniedError)
    await expect(
      cancelJobExecution(viewer, { jobId, thingName: things[1] ?? '', force: false }),
    ).rejects.toSatisfy(isAccessDeniedError)
    expect((await describeJob(jobId)).status).toBe('IN_PROGRESS')
    expect(await statuses(jobId, things)).toEqual(['IN_PROGRESS', 'QUEUED'])
  })
})
