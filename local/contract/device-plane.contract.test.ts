import {
  CancelJobExecutionCommand,
  CreateJobCommand,
  DescribeJobExecutionCommand as DescribeControlExecutionCommand,
} from '@aws-sdk/client-iot'
import {
  DescribeJobExecutionCommand,
  GetPendingJobExecutionsCommand,
  InvalidRequestException,
  InvalidStateTransitionException,
  ResourceNotFoundException,
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { describe, expect, it } from 'vitest'
import {
  JOB_EXECUTION_STATUSES,
  transitionJobExecution,
  type JobExecutionStatus,
} from '../../domain/job-execution-status.ts'
import { arnOfThing, createThings, DOCUMENT } from '../testing/fleet-helpers.ts'
import { useLocalCloudFixture, uniqueName } from '../testing/local-cloud-fixture.ts'

const cloud = useLocalCloudFixture()

async function jobFor(thingName: string, document = DOCUMENT): Promise<string> {
  const jobId = uniqueName('job')
  await cloud.iot.send(new CreateJobCommand({ jobId, targets: [arnOfThing(thingName)], document }))
  return jobId
}

describe('pending executions', () => {
  it('lists in-progress before queued, oldest first, and starts the oldest queued one', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const first = await jobFor(thingName)
    const second = await jobFor(thingName)
    const third = await jobFor(thingName)

    const started = await cloud.jobsData.send(
      new StartNextPendingJobExecutionCommand({
        thingName,
        statusDetails: { step: 'download' },
        stepTimeoutInMinutes: 30,
      }),
    )
    expect(started.execution).toMatchObject({
      jobId: first,
      thingName,
      status: 'IN_PROGRESS',
      statusDetails: { step: 'download' },
      versionNumber: 2,
      executionNumber: 1,
      jobDocument: DOCUMENT,
    })
    // The data plane sends whole epoch seconds.
    const startedAt = started.execution?.startedAt ?? 0
    expect(Number.isInteger(startedAt)).toBe(true)
    expect(Math.abs(startedAt * 1000 - Date.now())).toBeLessThan(60_000)
    expect(started.execution?.approximateSecondsBeforeTimedOut).toBeGreaterThan(29 * 60)

    const pending = await cloud.jobsData.send(new GetPendingJobExecutionsCommand({ thingName }))
    expect(pending.inProgressJobs?.map((job) => job.jobId)).toEqual([first])
    expect(pending.queuedJobs?.map((job) => job.jobId)).toEqual([second, third])
    expect(pending.queuedJobs?.[0]).toMatchObject({
      executionNumber: 1,
      versionNumber: 1,
      queuedAt: expect.any(Number),
    })

    // StartNext hands back the execution already in progress rather than starting another.
    const again = await cloud.jobsData.send(new StartNextPendingJobExecutionCommand({ thingName }))
    expect(again.execution?.jobId).toBe(first)
    const next = await cloud.jobsData.send(
      new DescribeJobExecutionCommand({ thingName, jobId: '$next' }),
    )
    expect(next.execution?.jobId).toBe(first)
  })

  it('answers with no execution when nothing is pending, and 404 for an unknown thing', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    expect(
      (await cloud.jobsData.send(new StartNextPendingJobExecutionCommand({ thingName }))).execution,
    ).toBeUndefined()
    expect(
      await cloud.jobsData.send(new GetPendingJobExecutionsCommand({ thingName })),
    ).toMatchObject({
      inProgressJobs: [],
      queuedJobs: [],
    })
    await expect(
      cloud.jobsData.send(new GetPendingJobExecutionsCommand({ thingName: uniqueName('ghost') })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
  })

  it('describes with or without the document', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1)
    const jobId = await jobFor(thingName)
    const withDocument = await cloud.jobsData.send(
      new DescribeJobExecutionCommand({ thingName, jobId }),
    )
    expect(withDocument.execution?.jobDocument).toBe(DOCUMENT)
    const without = await cloud.jobsData.send(
      new DescribeJobExecutionCommand({ thingName, jobId, includeJobDocument: false }),
    )
    expect(without.execution?.jobDocument).toBeUndefined()
    await expect(
      cloud.jobsData.send(
        new DescribeJobExecutionCommand({ thingName, jobId, executionNumber: 5 }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
  })
})

/** Puts a fresh execution into `status` using only the public APIs. */
async function executionIn(
  status: JobExecutionStatus,
): Promise<{ thingName: string; jobId: string }> {
  const [thingName = ''] = await createThings(cloud.iot, 1)
  const jobId = await jobFor(thingName)
  if (status === 'IN_PROGRESS')
    await cloud.jobsData.send(new StartNextPendingJobExecutionCommand({ thingName }))
  if (status === 'SUCCEEDED' || status === 'FAILED' || status === 'REJECTED') {
    await cloud.jobsData.send(new UpdateJobExecutionCommand({ thingName, jobId, status }))
  }
  if (status === 'CANCELED')
    await cloud.iot.send(new CancelJobExecutionCommand({ thingName, jobId }))
  return { thingName, jobId }
}

// TIMED_OUT and REMOVED are reached through timers and group membership: engine.contract.test.ts covers them.
const REACHABLE_HERE: JobExecutionStatus[] = [
  'QUEUED',
  'IN_PROGRESS',
  'SUCCEEDED',
  'FAILED',
  'REJECTED',
  'CANCELED',
]

describe('UpdateJobExecution enforces the shared lifecycle on the wire', () => {
  const cases = REACHABLE_HERE.flatMap((from) => JOB_EXECUTION_STATUSES.map((to) => ({ from, to })))

  it.each(cases)('device $from → $to', async ({ from, to }) => {
    const { thingName, jobId } = await executionIn(from)
    const expected = transitionJobExecution(from, { to, actor: 'device' })
    const update = cloud.jobsData.send(
      new UpdateJobExecutionCommand({
        thingName,
        jobId,
        status: to,
        includeJobExecutionState: true,
      }),
    )
    if (expected.ok) {
      expect((await update).executionState).toMatchObject({ status: to })
    } else if (expected.code === 'InvalidRequest') {
      await expect(update).rejects.toBeInstanceOf(InvalidRequestException)
    } else {
      await expect(update).rejects.toBeInstanceOf(InvalidStateTransitionException)
      await expect(update).rejects.toMatchObject({ $metadata: { httpStatusCode: 409 } })
    }
  })
})

describe('UpdateJobExecution', () => {
  it('bumps versionNumber, keeps statusDetails unless given, and honours expectedVersion', async () => {
    const { thingName, jobId } = await executionIn('IN_PROGRESS')
    const progress = await cloud.jobsData.send(
      new UpdateJobExecutionCommand({
        thingName,
        jobId,
        status: 'IN_PROGRESS',
        statusDetails: { percent: '40' },
        expectedVersion: 2,
        includeJobExecutionState: true,
        includeJobDocument: true,
      }),
    )
    expect(progress).toMatchObject({
      executionState: { status: 'IN_PROGRESS', statusDetails: { percent: '40' }, versionNumber: 3 },
      jobDocument: DOCUMENT,
    })
    const stale = cloud.jobsData.send(
      new UpdateJobExecutionCommand({ thingName, jobId, status: 'SUCCEEDED', expectedVersion: 2 }),
    )
    await expect(stale).rejects.toBeInstanceOf(InvalidStateTransitionException)
    const done = await cloud.jobsData.send(
      new UpdateJobExecutionCommand({
        thingName,
        jobId,
        status: 'SUCCEEDED',
        expectedVersion: 3,
        includeJobExecutionState: true,
      }),
    )
    expect(done.executionState).toEqual({
      status: 'SUCCEEDED',
      statusDetails: { percent: '40' },
      versionNumber: 4,
    })
    expect(done.jobDocument).toBeUndefined()
  })

  it('refuses bad statusDetails, step timeouts and missing executions', async () => {
    const { thingName, jobId } = await executionIn('IN_PROGRESS')
    const send = (input: Partial<ConstructorParameters<typeof UpdateJobExecutionCommand>[0]>) =>
      cloud.jobsData.send(
        new UpdateJobExecutionCommand({ thingName, jobId, status: 'IN_PROGRESS', ...input }),
      )
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`k${index}`, 'v']))
    await expect(send({ statusDetails: eleven })).rejects.toBeInstanceOf(InvalidRequestException)
    await expect(send({ statusDetails: { 'bad key': 'v' } })).rejects.toThrow(
      'Status detail name may contain only',
    )
    await expect(send({ statusDetails: { reason: 'x'.repeat(1025) } })).rejects.toBeInstanceOf(
      InvalidRequestException,
    )
    await expect(send({ stepTimeoutInMinutes: 0 })).rejects.toThrow(
      'stepTimeoutInMinutes must be from 1 to 10080, or -1 to clear it.',
    )
    await expect(send({ stepTimeoutInMinutes: 10_081 })).rejects.toBeInstanceOf(
      InvalidRequestException,
    )
    await expect(send({ executionNumber: 2 })).rejects.toBeInstanceOf(ResourceNotFoundException)
    await expect(send({ jobId: 'no-such-job' })).rejects.toBeInstanceOf(ResourceNotFoundException)
    await expect(
      cloud.jobsData.send(
        new StartNextPendingJobExecutionCommand({ thingName, stepTimeoutInMinutes: -1 }),
      ),
    ).rejects.toBeInstanceOf(InvalidRequestException)
    // Nothing above changed the execution.
    expect(
      (await cloud.iot.send(new DescribeControlExecutionCommand({ thingName, jobId }))).execution
        ?.versionNumber,
    ).toBe(2)
  })
})
