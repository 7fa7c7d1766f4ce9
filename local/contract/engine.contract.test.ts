import {
  AddThingToThingGroupCommand,
  DescribeJobExecutionCommand,
  RemoveThingFromThingGroupCommand,
  type JobExecutionSummaryForJob,
} from '@aws-sdk/client-iot'
import {
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { describe, expect, it } from 'vitest'
import { eventually } from '../testing/eventually.ts'
import { jobHelpers } from '../testing/job-helpers.ts'
import { arnOfGroup, arnOfThing, createGroupOf, createThings } from '../testing/fleet-helpers.ts'
import { useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'

/**
 * The engine's timed behaviour under an accelerated clock: 600 emulated
 * seconds pass each real second, so a minute of AWS time takes 0.1 s here.
 */
const CLOCK_SPEED = 600
const MINUTE_MS = 60_000

const cloud = useLocalCloudFixture({ clockSpeed: CLOCK_SPEED })

const emulatedNow = () => cloud.running.cloud.clock.now()

const { describeJob, executions, createJob } = jobHelpers(() => cloud)

/** Emulated minutes between the first and the last execution queued. */
function spanMinutes(summaries: JobExecutionSummaryForJob[]): number {
  const times = summaries.map((summary) => summary.jobExecutionSummary?.queuedAt?.getTime() ?? 0)
  return (Math.max(...times) - Math.min(...times)) / MINUTE_MS
}

/**
 * How many executions were queued in each emulated minute of the rollout.
 * Minutes count from the job's creation, where the engine's rate windows start.
 */
function perMinute(summaries: JobExecutionSummaryForJob[], startMs: number): number[] {
  const counts: number[] = []
  for (const summary of summaries) {
    const minute = Math.floor(
      ((summary.jobExecutionSummary?.queuedAt?.getTime() ?? 0) - startMs) / MINUTE_MS,
    )
    counts[minute] = (counts[minute] ?? 0) + 1
  }
  return Array.from(counts, (count) => count ?? 0)
}

describe('rollout rate', () => {
  // The engine ticks every 0.1 s real, a minute here, so these checks are about
  // the rate over the rollout; rolloutAllowance's unit tests pin each minute down.
  it('rolls out at maximumPerMinute', async () => {
    const things = await createThings(cloud.iot, 25)
    const jobId = await createJob({
      targets: [arnOfGroup(await createGroupOf(cloud.iot, things))],
      jobExecutionsRolloutConfig: { maximumPerMinute: 10 },
    })
    expect((await describeJob(jobId)).isConcurrent).toBe(true)
    const all = await eventually(async () => {
      const found = await executions(jobId)
      expect(found).toHaveLength(25)
      return found
    })
    // 25 things at 10 a minute: the last is queued about two and a half minutes after the first.
    const span = spanMinutes(all)
    expect(span).toBeGreaterThanOrEqual(2)
    expect(span).toBeLessThan(4)
    await eventually(async () => {
      const job = await describeJob(jobId)
      expect(job.isConcurrent).toBe(false)
      expect(job.jobProcessDetails?.processingTargets).toBeUndefined()
    })
  })

  it('grows an exponential rate by its factor each time the criterion is met, up to the cap', async () => {
    const things = await createThings(cloud.iot, 30)
    const jobId = await createJob({
      targets: things.map(arnOfThing),
      jobExecutionsRolloutConfig: {
        maximumPerMinute: 12,
        exponentialRate: {
          baseRatePerMinute: 2,
          incrementFactor: 2,
          rateIncreaseCriteria: { numberOfNotifiedThings: 2 },
        },
      },
    })
    const all = await eventually(async () => {
      const found = await executions(jobId)
      expect(found).toHaveLength(30)
      return found
    })
    const counts = perMinute(all, (await describeJob(jobId)).createdAt?.getTime() ?? 0)
    expect(counts[0]).toBeLessThanOrEqual(2)
    expect(Math.max(...counts)).toBeGreaterThan(2)
    // 2, then 4, 8, capped at 12: far faster than a constant 2 a minute (15 minutes).
    expect(counts.length).toBeLessThanOrEqual(7)
  })
})

describe('timeouts', () => {
  it('times an execution out after inProgressTimeoutInMinutes', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const jobId = await createJob({
      targets: [arnOfThing(thingName)],
      timeoutConfig: { inProgressTimeoutInMinutes: 2 },
    })
    const started = await cloud.jobsData.send(
      new StartNextPendingJobExecutionCommand({ thingName }),
    )
    expect(started.execution?.approximateSecondsBeforeTimedOut).toBeGreaterThan(60)
    await eventually(async () => {
      const { execution } = await cloud.iot.send(
        new DescribeJobExecutionCommand({ jobId, thingName }),
      )
      expect(execution?.status).toBe('TIMED_OUT')
      expect(execution?.approximateSecondsBeforeTimedOut).toBeUndefined()
    })
    const job = await describeJob(jobId)
    expect(job.jobProcessDetails?.numberOfTimedOutThings).toBe(1)
    expect(job.status).toBe('COMPLETED')
  })

  it('times out on a step timer, which -1 clears', async () => {
    const [timed = '', cleared = ''] = await createThings(cloud.iot, 2)
    const jobId = await createJob({ targets: [arnOfThing(timed), arnOfThing(cleared)] })
    await cloud.jobsData.send(
      new StartNextPendingJobExecutionCommand({ thingName: timed, stepTimeoutInMinutes: 1 }),
    )
    await cloud.jobsData.send(
      new StartNextPendingJobExecutionCommand({ thingName: cleared, stepTimeoutInMinutes: 1 }),
    )
    await cloud.jobsData.send(
      new UpdateJobExecutionCommand({
        jobId,
        thingName: cleared,
        status: 'IN_PROGRESS',
        stepTimeoutInMinutes: -1,
      }),
    )
    const clearedAt = emulatedNow()
    await eventually(async () => {
      expect(
        (await cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName: timed })))
          .execution?.status,
      ).toBe('TIMED_OUT')
    })
    await eventually(() => expect(emulatedNow() - clearedAt).toBeGreaterThan(3 * MINUTE_MS))
    expect(
      (await cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName: cleared })))
        .execution?.status,
    ).toBe('IN_PROGRESS')
  })
})

describe('retries', () => {
  it('retries FAILED as new executions with retryAttempt, up to numberOfRetries', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const jobId = await createJob({
      targets: [arnOfThing(thingName)],
      jobExecutionsRetryConfig: { criteriaList: [{ failureType: 'FAILED', numberOfRetries: 2 }] },
    })
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const started = await cloud.jobsData.send(
        new StartNextPendingJobExecutionCommand({ thingName }),
      )
      expect(started.execution).toMatchObject({ jobId, executionNumber: attempt })
      await cloud.jobsData.send(
        new UpdateJobExecutionCommand({
          jobId,
          thingName,
          status: 'FAILED',
          statusDetails: { reason: 'checksum' },
        }),
      )
    }
    const summaries = (await executions(jobId)).map((summary) => summary.jobExecutionSummary)
    expect(
      summaries.map((summary) => [
        summary?.executionNumber,
        summary?.retryAttempt,
        summary?.status,
      ]),
    ).toEqual([
      [1, 0, 'FAILED'],
      [2, 1, 'FAILED'],
      [3, 2, 'FAILED'],
    ])
    const job = await describeJob(jobId)
    expect(job.status).toBe('COMPLETED')
    expect(job.jobProcessDetails?.numberOfFailedThings).toBe(3)
  })

  it('never retries REJECTED', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const jobId = await createJob({
      targets: [arnOfThing(thingName)],
      timeoutConfig: { inProgressTimeoutInMinutes: 10 },
      jobExecutionsRetryConfig: { criteriaList: [{ failureType: 'ALL', numberOfRetries: 5 }] },
    })
    await cloud.jobsData.send(
      new UpdateJobExecutionCommand({ jobId, thingName, status: 'REJECTED' }),
    )
    expect(await executions(jobId)).toHaveLength(1)
    expect((await describeJob(jobId)).status).toBe('COMPLETED')
  })
})

describe('abort criteria', () => {
  it('cancels the job and its queued executions once the failure rate is reached, leaving devices mid-update alone', async () => {
    const [a = '', b = '', running = '', waiting = ''] = await createThings(cloud.iot, 4)
    const jobId = await createJob({
      targets: [a, b, running, waiting].map(arnOfThing),
      abortConfig: {
        criteriaList: [
          {
            failureType: 'FAILED',
            action: 'CANCEL',
            thresholdPercentage: 50,
            minNumberOfExecutedThings: 2,
          },
        ],
      },
    })
    await cloud.jobsData.send(new StartNextPendingJobExecutionCommand({ thingName: running }))
    await cloud.jobsData.send(
      new UpdateJobExecutionCommand({ jobId, thingName: a, status: 'SUCCEEDED' }),
    )
    expect((await describeJob(jobId)).status).toBe('IN_PROGRESS')
    await cloud.jobsData.send(
      new UpdateJobExecutionCommand({ jobId, thingName: b, status: 'FAILED' }),
    )
    const job = await describeJob(jobId)
    expect(job).toMatchObject({
      status: 'CANCELED',
      reasonCode: 'ABORT_CRITERIA_MET',
      comment: expect.stringContaining('FAILED'),
    })
    const status = async (thingName: string) =>
      (await cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName }))).execution
        ?.status
    expect(await status(waiting)).toBe('CANCELED')
    expect(await status(running)).toBe('IN_PROGRESS')
  })
})

describe('continuous jobs', () => {
  it('reach things that join later, mark leavers REMOVED, and never complete on their own', async () => {
    const [member = '', joiner = ''] = await createThings(cloud.iot, 2)
    const group = await createGroupOf(cloud.iot, [member])
    const jobId = await createJob({ targets: [arnOfGroup(group)], targetSelection: 'CONTINUOUS' })
    await cloud.jobsData.send(
      new UpdateJobExecutionCommand({ jobId, thingName: member, status: 'SUCCEEDED' }),
    )
    expect((await describeJob(jobId)).status).toBe('IN_PROGRESS')

    await cloud.iot.send(
      new AddThingToThingGroupCommand({ thingGroupName: group, thingName: joiner }),
    )
    expect(
      (await cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName: joiner })))
        .execution?.status,
    ).toBe('QUEUED')
    await cloud.iot.send(
      new RemoveThingFromThingGroupCommand({ thingGroupName: group, thingName: joiner }),
    )
    expect(
      (await cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName: joiner })))
        .execution?.status,
    ).toBe('REMOVED')
    // Rejoining gives a new execution.
    await cloud.iot.send(
      new AddThingToThingGroupCommand({ thingGroupName: group, thingName: joiner }),
    )
    expect(
      (await cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName: joiner })))
        .execution,
    ).toMatchObject({
      status: 'QUEUED',
      executionNumber: 2,
    })
    expect((await describeJob(jobId)).jobProcessDetails).toMatchObject({
      numberOfSucceededThings: 1,
      numberOfRemovedThings: 1,
      numberOfQueuedThings: 1,
    })
  })

  it('completes a snapshot job when every execution is terminal', async () => {
    const things = await createThings(cloud.iot, 3)
    const jobId = await createJob({ targets: things.map(arnOfThing) })
    const statuses = ['SUCCEEDED', 'FAILED', 'REJECTED'] as const
    for (const [index, thingName] of things.entries()) {
      expect((await describeJob(jobId)).status).toBe('IN_PROGRESS')
      await cloud.jobsData.send(
        new UpdateJobExecutionCommand({ jobId, thingName, status: statuses[index] ?? 'SUCCEEDED' }),
      )
    }
    const job = await describeJob(jobId)
    expect(job).toMatchObject({
      status: 'COMPLETED',
      completedAt: expect.any(Date),
      jobProcessDetails: {
        numberOfSucceededThings: 1,
        numberOfFailedThings: 1,
        numberOfRejectedThings: 1,
        numberOfQueuedThings: 0,
      },
    })
  })
})
