import {
  AssociateTargetsWithJobCommand,
  CancelJobCommand,
  CancelJobExecutionCommand,
  ConflictException,
  CreateJobCommand,
  CreateJobTemplateCommand,
  DeleteJobCommand,
  DeleteJobExecutionCommand,
  DeleteJobTemplateCommand,
  DescribeJobCommand,
  DescribeJobExecutionCommand,
  DescribeJobTemplateCommand,
  GetJobDocumentCommand,
  InvalidRequestException,
  InvalidStateTransitionException,
  ListJobExecutionsForJobCommand,
  ListJobExecutionsForThingCommand,
  ListJobsCommand,
  ListJobTemplatesCommand,
  paginateListJobExecutionsForJob,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  UpdateJobCommand,
  VersionConflictException,
} from '@aws-sdk/client-iot'
import {
  InvalidStateTransitionException as DeviceInvalidStateTransitionException,
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { describe, expect, it } from 'vitest'
import { eventually } from '../testing/eventually.ts'
import {
  arnOfGroup,
  arnOfThing,
  createGroupOf,
  createThings,
  DOCUMENT,
} from '../testing/fleet-helpers.ts'
import { useLocalCloudFixture, uniqueName } from '../testing/local-cloud-fixture.ts'

const cloud = useLocalCloudFixture()

async function jobOn(
  things: readonly string[],
  extra: Partial<ConstructorParameters<typeof CreateJobCommand>[0]> = {},
) {
  const jobId = uniqueName('job')
  await cloud.iot.send(
    new CreateJobCommand({ jobId, targets: things.map(arnOfThing), document: DOCUMENT, ...extra }),
  )
  return jobId
}

describe('CreateJob and DescribeJob', () => {
  it('targets things and groups, child groups included, once per thing', async () => {
    const [alone, shared, nested] = await createThings(cloud.iot, 3)
    const parent = await createGroupOf(cloud.iot, [shared ?? ''])
    await createGroupOf(cloud.iot, [nested ?? ''], parent)
    const jobId = uniqueName('job')
    const created = await cloud.iot.send(
      new CreateJobCommand({
        jobId,
        targets: [arnOfThing(alone ?? ''), arnOfThing(shared ?? ''), arnOfGroup(parent)],
        document: DOCUMENT,
        description: 'canary',
        tags: [{ Key: 'fleetdeck:creator', Value: 'ops' }],
      }),
    )
    expect(created).toMatchObject({
      jobId,
      jobArn: `arn:aws:iot:us-east-1:000000000000:job/${jobId}`,
      description: 'canary',
    })

    const { job } = await cloud.iot.send(new DescribeJobCommand({ jobId }))
    expect(job).toMatchObject({
      jobId,
      status: 'IN_PROGRESS',
      targetSelection: 'SNAPSHOT',
      description: 'canary',
      isConcurrent: false,
      jobProcessDetails: {
        numberOfQueuedThings: 3,
        numberOfSucceededThings: 0,
        numberOfInProgressThings: 0,
      },
    })
    // Control-plane times are epoch seconds: a millisecond value would land thousands of years ahead.
    expect(Math.abs((job?.createdAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000)
    expect(job?.completedAt).toBeUndefined()

    expect(await cloud.iot.send(new GetJobDocumentCommand({ jobId }))).toMatchObject({
      document: DOCUMENT,
    })
    const executions = await cloud.iot.send(new ListJobExecutionsForJobCommand({ jobId }))
    expect(executions.executionSummaries?.map((summary) => summary.thingArn).sort()).toEqual(
      [alone, shared, nested].map((name) => arnOfThing(name ?? '')).sort(),
    )
    expect(executions.executionSummaries?.[0]?.jobExecutionSummary).toMatchObject({
      status: 'QUEUED',
      executionNumber: 1,
      retryAttempt: 0,
      queuedAt: expect.any(Date),
    })
  })

  it('refuses a duplicate job id with ResourceAlreadyExistsException', async () => {
    const [thing] = await createThings(cloud.iot, 1)
    const jobId = await jobOn([thing ?? ''])
    const again = cloud.iot.send(
      new CreateJobCommand({ jobId, targets: [arnOfThing(thing ?? '')], document: DOCUMENT }),
    )
    await expect(again).rejects.toBeInstanceOf(ResourceAlreadyExistsException)
    await expect(again).rejects.toMatchObject({
      resourceId: jobId,
      $metadata: { httpStatusCode: 409 },
    })
  })

  it('refuses bad requests before creating anything', async () => {
    const [thing = ''] = await createThings(cloud.iot, 1)
    const target = [arnOfThing(thing)]
    const refusals: [Partial<ConstructorParameters<typeof CreateJobCommand>[0]>, unknown][] = [
      [{ targets: [arnOfThing('missing-thing')] }, ResourceNotFoundException],
      [{ targets: [arnOfGroup('missing-group')] }, ResourceNotFoundException],
      [{ targets: ['thing/x'] }, InvalidRequestException],
      [{ targets: [] }, InvalidRequestException],
      [{ targets: target, document: 'not json' }, InvalidRequestException],
      [
        { targets: target, document: JSON.stringify({ pad: 'x'.repeat(32_768) }) },
        InvalidRequestException,
      ],
      [{ targets: target, document: undefined }, InvalidRequestException],
      [
        { targets: target, timeoutConfig: { inProgressTimeoutInMinutes: 10_081 } },
        InvalidRequestException,
      ],
      [
        {
          targets: target,
          jobExecutionsRolloutConfig: {
            exponentialRate: {
              baseRatePerMinute: 5,
              incrementFactor: 1.05,
              rateIncreaseCriteria: { numberOfNotifiedThings: 1 },
            },
          },
        },
        InvalidRequestException,
      ],
      [
        {
          targets: target,
          jobExecutionsRetryConfig: {
            criteriaList: [{ failureType: 'TIMED_OUT', numberOfRetries: 1 }],
          },
        },
        InvalidRequestException,
      ],
      [
        { targets: target, schedulingConfig: { startTime: '2000-01-01T00:00' } },
        InvalidRequestException,
      ],
    ]
    for (const [input, error] of refusals) {
      const jobId = uniqueName('bad')
      await expect(
        cloud.iot.send(
          new CreateJobCommand({ jobId, targets: target, document: DOCUMENT, ...input }),
        ),
        JSON.stringify(input).slice(0, 120),
      ).rejects.toBeInstanceOf(error)
      await expect(cloud.iot.send(new DescribeJobCommand({ jobId }))).rejects.toBeInstanceOf(
        ResourceNotFoundException,
      )
    }
    await expect(
      cloud.iot.send(
        new CreateJobCommand({ jobId: 'bad id', targets: target, document: DOCUMENT }),
      ),
    ).rejects.toThrow('Job ID may contain only')
    await expect(
      cloud.iot.send(
        new CreateJobCommand({
          jobId: uniqueName('x'),
          targets: target,
          document: DOCUMENT,
          documentParameters: { a: 'b' },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotImplementedException' })
  })
})

describe('ListJobs and UpdateJob', () => {
  it('filters by status, selection and group, newest first, in pages', async () => {
    const things = await createThings(cloud.iot, 2)
    const group = await createGroupOf(cloud.iot, things)
    const ids: string[] = []
    for (let index = 0; index < 3; index += 1) {
      const jobId = uniqueName(`listed-${index}`)
      await cloud.iot.send(
        new CreateJobCommand({
          jobId,
          targets: [arnOfGroup(group)],
          document: DOCUMENT,
          targetSelection: 'CONTINUOUS',
        }),
      )
      ids.push(jobId)
    }
    await cloud.iot.send(new CancelJobCommand({ jobId: ids[0] }))
    const byGroup = await cloud.iot.send(new ListJobsCommand({ thingGroupName: group }))
    expect(byGroup.jobs?.map((job) => job.jobId)).toEqual([...ids].reverse())
    expect(byGroup.jobs?.[0]).toMatchObject({
      targetSelection: 'CONTINUOUS',
      status: 'IN_PROGRESS',
      thingGroupId: expect.any(String),
    })
    const canceled = await cloud.iot.send(
      new ListJobsCommand({ thingGroupName: group, status: 'CANCELED' }),
    )
    expect(canceled.jobs?.map((job) => job.jobId)).toEqual([ids[0]])
    const first = await cloud.iot.send(
      new ListJobsCommand({ thingGroupName: group, maxResults: 2 }),
    )
    expect(first.jobs).toHaveLength(2)
    const second = await cloud.iot.send(
      new ListJobsCommand({ thingGroupName: group, maxResults: 2, nextToken: first.nextToken }),
    )
    expect(second.jobs?.map((job) => job.jobId)).toEqual([ids[0]])
    expect(second.nextToken).toBeUndefined()
    await expect(
      cloud.iot.send(new ListJobsCommand({ status: 'DONE' as never })),
    ).rejects.toBeInstanceOf(InvalidRequestException)
  })

  it('updates the description and configurations', async () => {
    const [thing = ''] = await createThings(cloud.iot, 1)
    const jobId = await jobOn([thing])
    await cloud.iot.send(
      new UpdateJobCommand({
        jobId,
        description: 'renamed',
        jobExecutionsRolloutConfig: { maximumPerMinute: 5 },
        timeoutConfig: { inProgressTimeoutInMinutes: 30 },
      }),
    )
    expect((await cloud.iot.send(new DescribeJobCommand({ jobId }))).job).toMatchObject({
      description: 'renamed',
      jobExecutionsRolloutConfig: { maximumPerMinute: 5 },
      timeoutConfig: { inProgressTimeoutInMinutes: 30 },
    })
  })
})

describe('CancelJob and DeleteJob', () => {
  it('cancels queued executions, and in-progress ones only with force', async () => {
    const [running = '', waiting = ''] = await createThings(cloud.iot, 2)
    const jobId = await jobOn([running, waiting])
    await cloud.jobsData.send(new StartNextPendingJobExecutionCommand({ thingName: running }))
    const canceled = await cloud.iot.send(
      new CancelJobCommand({ jobId, reasonCode: 'BAD_BUILD', comment: 'checksum wrong' }),
    )
    expect(canceled.jobId).toBe(jobId)
    const status = async (thingName: string) =>
      (await cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName }))).execution
        ?.status
    expect(await status(waiting)).toBe('CANCELED')
    expect(await status(running)).toBe('IN_PROGRESS')
    expect((await cloud.iot.send(new DescribeJobCommand({ jobId }))).job).toMatchObject({
      status: 'CANCELED',
      reasonCode: 'BAD_BUILD',
      comment: 'checksum wrong',
      completedAt: expect.any(Date),
    })
    await expect(cloud.iot.send(new CancelJobCommand({ jobId }))).rejects.toBeInstanceOf(
      InvalidRequestException,
    )

    await cloud.iot.send(new CancelJobCommand({ jobId, force: true }))
    expect(await status(running)).toBe('CANCELED')
    expect(
      (await cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName: running })))
        .execution?.forceCanceled,
    ).toBe(true)
    expect((await cloud.iot.send(new DescribeJobCommand({ jobId }))).job?.forceCanceled).toBe(true)
    // The device that was stopped mid-update can no longer report.
    await expect(
      cloud.jobsData.send(
        new UpdateJobExecutionCommand({ jobId, thingName: running, status: 'SUCCEEDED' }),
      ),
    ).rejects.toBeInstanceOf(DeviceInvalidStateTransitionException)
  })

  it('deletes a finished job, and a running one only with force', async () => {
    const [thing = ''] = await createThings(cloud.iot, 1)
    const jobId = await jobOn([thing])
    await expect(cloud.iot.send(new DeleteJobCommand({ jobId }))).rejects.toBeInstanceOf(
      InvalidStateTransitionException,
    )
    await cloud.iot.send(new DeleteJobCommand({ jobId, force: true }))
    await eventually(async () => {
      await expect(cloud.iot.send(new DescribeJobCommand({ jobId }))).rejects.toBeInstanceOf(
        ResourceNotFoundException,
      )
    })
    expect(
      (await cloud.iot.send(new ListJobExecutionsForThingCommand({ thingName: thing })))
        .executionSummaries,
    ).toEqual([])
  })
})

describe('AssociateTargetsWithJob', () => {
  it('adds targets to a continuous job only', async () => {
    const [first = '', later = ''] = await createThings(cloud.iot, 2)
    const snapshot = await jobOn([first])
    await expect(
      cloud.iot.send(
        new AssociateTargetsWithJobCommand({ jobId: snapshot, targets: [arnOfThing(later)] }),
      ),
    ).rejects.toBeInstanceOf(InvalidRequestException)
    const continuous = await jobOn([first], { targetSelection: 'CONTINUOUS' })
    await cloud.iot.send(
      new AssociateTargetsWithJobCommand({
        jobId: continuous,
        targets: [arnOfThing(later)],
        comment: 'line 4',
      }),
    )
    const { job } = await cloud.iot.send(new DescribeJobCommand({ jobId: continuous }))
    expect(job?.targets).toEqual([arnOfThing(first), arnOfThing(later)])
    expect(job?.jobProcessDetails?.numberOfQueuedThings).toBe(2)
  })
})

describe('job executions on the control plane', () => {
  it('cancels one execution by its rules, with expectedVersion', async () => {
    const [queued = '', running = ''] = await createThings(cloud.iot, 2)
    const jobId = await jobOn([queued, running])
    await cloud.jobsData.send(new StartNextPendingJobExecutionCommand({ thingName: running }))
    await expect(
      cloud.iot.send(
        new CancelJobExecutionCommand({ jobId, thingName: queued, expectedVersion: 9 }),
      ),
    ).rejects.toBeInstanceOf(VersionConflictException)
    await cloud.iot.send(
      new CancelJobExecutionCommand({
        jobId,
        thingName: queued,
        expectedVersion: 1,
        statusDetails: { why: 'operator' },
      }),
    )
    const execution = (
      await cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName: queued }))
    ).execution
    expect(execution).toMatchObject({
      status: 'CANCELED',
      statusDetails: { detailsMap: { why: 'operator' } },
      thingArn: arnOfThing(queued),
      versionNumber: 2,
    })
    await expect(
      cloud.iot.send(new CancelJobExecutionCommand({ jobId, thingName: queued })),
    ).rejects.toBeInstanceOf(InvalidStateTransitionException)
    await expect(
      cloud.iot.send(new CancelJobExecutionCommand({ jobId, thingName: running })),
    ).rejects.toBeInstanceOf(InvalidStateTransitionException)
    await cloud.iot.send(new CancelJobExecutionCommand({ jobId, thingName: running, force: true }))
    expect(
      (await cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName: running })))
        .execution,
    ).toMatchObject({
      status: 'CANCELED',
      forceCanceled: true,
    })
  })

  it('deletes a terminal execution, and a live one only with force', async () => {
    const [done = '', live = ''] = await createThings(cloud.iot, 2)
    const jobId = await jobOn([done, live])
    await cloud.jobsData.send(
      new UpdateJobExecutionCommand({ jobId, thingName: done, status: 'SUCCEEDED' }),
    )
    await cloud.iot.send(
      new DeleteJobExecutionCommand({ jobId, thingName: done, executionNumber: 1 }),
    )
    await expect(
      cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName: done })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
    await expect(
      cloud.iot.send(new DeleteJobExecutionCommand({ jobId, thingName: live, executionNumber: 1 })),
    ).rejects.toBeInstanceOf(InvalidStateTransitionException)
    await cloud.iot.send(
      new DeleteJobExecutionCommand({ jobId, thingName: live, executionNumber: 1, force: true }),
    )
    expect(
      (await cloud.iot.send(new DescribeJobCommand({ jobId }))).job?.jobProcessDetails
        ?.numberOfQueuedThings,
    ).toBe(0)
  })

  it('pages through executions and lists them per thing', async () => {
    const things = await createThings(cloud.iot, 7)
    const jobId = await jobOn(things)
    const seen: string[] = []
    for await (const page of paginateListJobExecutionsForJob(
      { client: cloud.iot, pageSize: 3 },
      { jobId, status: 'QUEUED' },
    )) {
      seen.push(...(page.executionSummaries ?? []).map((summary) => summary.thingArn ?? ''))
    }
    expect(seen.sort()).toEqual(things.map(arnOfThing).sort())
    const forThing = await cloud.iot.send(
      new ListJobExecutionsForThingCommand({ thingName: things[0], jobId }),
    )
    expect(forThing.executionSummaries).toEqual([
      {
        jobId,
        jobExecutionSummary: expect.objectContaining({ status: 'QUEUED', executionNumber: 1 }),
      },
    ])
    await expect(
      cloud.iot.send(new ListJobExecutionsForJobCommand({ jobId: 'missing-job' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
  })
})

describe('job templates', () => {
  it('creates, describes, lists, starts jobs from and deletes a template', async () => {
    const jobTemplateId = uniqueName('template')
    const created = await cloud.iot.send(
      new CreateJobTemplateCommand({
        jobTemplateId,
        description: 'config push',
        document: DOCUMENT,
        timeoutConfig: { inProgressTimeoutInMinutes: 15 },
        maintenanceWindows: [{ startTime: 'cron(0 2 ? * SAT *)', durationInMinutes: 120 }],
      }),
    )
    expect(created.jobTemplateArn).toBe(
      `arn:aws:iot:us-east-1:000000000000:jobtemplate/${jobTemplateId}`,
    )
    expect(await cloud.iot.send(new DescribeJobTemplateCommand({ jobTemplateId }))).toMatchObject({
      jobTemplateId,
      description: 'config push',
      document: DOCUMENT,
      timeoutConfig: { inProgressTimeoutInMinutes: 15 },
      createdAt: expect.any(Date),
    })
    const listed = await cloud.iot.send(new ListJobTemplatesCommand({}))
    expect(listed.jobTemplates?.map((template) => template.jobTemplateId)).toContain(jobTemplateId)
    await expect(
      cloud.iot.send(
        new CreateJobTemplateCommand({ jobTemplateId, description: 'again', document: DOCUMENT }),
      ),
    ).rejects.toBeInstanceOf(ConflictException)

    const [thing = ''] = await createThings(cloud.iot, 1)
    const jobId = uniqueName('from-template')
    await cloud.iot.send(
      new CreateJobCommand({
        jobId,
        targets: [arnOfThing(thing)],
        jobTemplateArn: created.jobTemplateArn,
      }),
    )
    const { job } = await cloud.iot.send(new DescribeJobCommand({ jobId }))
    expect(job).toMatchObject({
      jobTemplateArn: created.jobTemplateArn,
      timeoutConfig: { inProgressTimeoutInMinutes: 15 },
      status: 'SCHEDULED',
    })
    expect(job?.scheduledJobRollouts).toHaveLength(7)
    expect((await cloud.iot.send(new GetJobDocumentCommand({ jobId }))).document).toBe(DOCUMENT)

    await cloud.iot.send(new DeleteJobTemplateCommand({ jobTemplateId }))
    await expect(
      cloud.iot.send(new DescribeJobTemplateCommand({ jobTemplateId })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
  })
})
