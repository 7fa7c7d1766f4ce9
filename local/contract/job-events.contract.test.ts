import {
  CancelJobCommand,
  CreateJobCommand,
  DeleteJobCommand,
  DescribeEventConfigurationsCommand,
  DescribeJobCommand,
  InvalidRequestException,
  IoTClient,
  UpdateEventConfigurationsCommand,
  type EventType,
} from '@aws-sdk/client-iot'
import {
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import type { MqttClient } from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import { ROLE_NAMES, DASHBOARD_CLIENT_ID_PREFIX } from '../../domain/permissions.ts'
import { ACCOUNT_ID, REGION } from '../config.ts'
import { eventually } from '../testing/eventually.ts'
import {
  arnOfGroup,
  arnOfThing,
  createGroupOf,
  createThings,
  DOCUMENT,
  inParallel,
} from '../testing/fleet-helpers.ts'
import { recordMessages, type ReceivedMessage } from '../testing/jobs-mqtt-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import { connectMqttWebSocket } from '../testing/mqtt-helpers.ts'

/**
 * Job events as the dashboard receives them: a WebSocket subscriber signed
 * with temporary credentials of the viewer role, subscribed to
 * `$aws/events/#`, once UpdateEventConfigurations has enabled JOB and
 * JOB_EXECUTION. https://docs.aws.amazon.com/iot/latest/developerguide/events-jobs.html
 */
// At the default 1,000 things a minute, a clock 60 times fast rolls a 1,000-thing group out in a second.
const cloud = useLocalCloudFixture({ clockSpeed: 60 })
const clients: MqttClient[] = []

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.endAsync()))
})

const VIEWER_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/${ROLE_NAMES.viewer}`

function viewerCredentials() {
  return cloud.running.cloud.temporaryCredentials.issue(VIEWER_ROLE, 'dashboard', 3_600_000)
}

async function enableJobEvents(): Promise<void> {
  await cloud.iot.send(
    new UpdateEventConfigurationsCommand({
      eventConfigurations: { JOB: { Enabled: true }, JOB_EXECUTION: { Enabled: true } },
    }),
  )
}

/** The dashboard's connection: viewer credentials, session token appended after signing. */
async function eventSubscriber(filters: string[]) {
  const client = await connectMqttWebSocket(
    cloud.endpoint,
    viewerCredentials(),
    uniqueName(`${DASHBOARD_CLIENT_ID_PREFIX}events`),
    { tokenAfterSigning: true },
  )
  clients.push(client)
  await client.subscribeAsync(filters)
  return recordMessages(client)
}

const topicsOf = (messages: readonly ReceivedMessage[]) =>
  messages.map(({ topic }) => topic.replace(/^\$aws\/events\//, ''))

describe('event configurations', () => {
  it('start disabled, are enabled by UpdateEventConfigurations and shown by Describe', async () => {
    const initial = await cloud.iot.send(new DescribeEventConfigurationsCommand({}))
    expect(Object.keys(initial.eventConfigurations ?? {}).sort()).toEqual(
      [
        'CA_CERTIFICATE',
        'CERTIFICATE',
        'JOB',
        'JOB_EXECUTION',
        'POLICY',
        'THING',
        'THING_GROUP',
        'THING_GROUP_HIERARCHY',
        'THING_GROUP_MEMBERSHIP',
        'THING_TYPE',
        'THING_TYPE_ASSOCIATION',
      ].sort(),
    )
    expect(Object.values(initial.eventConfigurations ?? {})).toEqual(
      Array.from({ length: 11 }, () => ({ Enabled: false })),
    )

    await enableJobEvents()
    const enabled = await cloud.iot.send(new DescribeEventConfigurationsCommand({}))
    expect(enabled.eventConfigurations).toMatchObject({
      JOB: { Enabled: true },
      JOB_EXECUTION: { Enabled: true },
      THING: { Enabled: false },
    })
    expect(enabled.lastModifiedDate).toBeInstanceOf(Date)
    expect(enabled.creationDate).toBeInstanceOf(Date)

    await expect(
      cloud.iot.send(
        new UpdateEventConfigurationsCommand({
          eventConfigurations: { NOT_A_TYPE: { Enabled: true } } as Partial<
            Record<EventType, { Enabled: boolean }>
          >,
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidRequestException)
  })

  it('are neither read nor changed by a viewer (the dashboard needs neither), only by the administrator', async () => {
    const viewer = new IoTClient({
      region: REGION,
      endpoint: cloud.endpoint,
      credentials: viewerCredentials(),
      maxAttempts: 1,
    })
    await expect(viewer.send(new DescribeEventConfigurationsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    })
    await expect(cloud.iot.send(new DescribeEventConfigurationsCommand({}))).resolves.toMatchObject(
      { eventConfigurations: expect.any(Object) as object },
    )
    await expect(
      viewer.send(
        new UpdateEventConfigurationsCommand({ eventConfigurations: { JOB: { Enabled: false } } }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' })
    viewer.destroy()
  })
})

describe('job events to a signed WebSocket subscriber', () => {
  it('report terminal executions and the job completing, with AWS payloads, and nothing else', async () => {
    await enableJobEvents()
    const things = await createThings(cloud.iot, 3, 'evented')
    const jobId = uniqueName('events')
    const events = await eventSubscriber(['$aws/events/#'])
    await cloud.iot.send(
      new CreateJobCommand({
        jobId,
        targets: things.map(arnOfThing),
        document: DOCUMENT,
        description: 'Pump firmware 2.0',
      }),
    )
    const outcomes = ['SUCCEEDED', 'FAILED', 'REJECTED'] as const
    for (const [index, thingName] of things.entries()) {
      await eventually(async () => {
        const started = await cloud.jobsData.send(
          new StartNextPendingJobExecutionCommand({ thingName, statusDetails: { step: 'start' } }),
        )
        expect(started.execution?.jobId).toBe(jobId)
      })
      await cloud.jobsData.send(
        new UpdateJobExecutionCommand({
          thingName,
          jobId,
          status: outcomes[index] ?? 'SUCCEEDED',
          statusDetails: { step: 'end' },
        }),
      )
    }
    await eventually(() => {
      expect(topicsOf(events.messages)).toContain(`job/${jobId}/completed`)
    })
    // QUEUED and IN_PROGRESS have no event: only the three endings and the completion.
    const ours = events.messages.filter(({ topic }) => topic.includes(jobId))
    expect(topicsOf(ours)).toEqual([
      `jobExecution/${jobId}/succeeded`,
      `jobExecution/${jobId}/failed`,
      `jobExecution/${jobId}/rejected`,
      `job/${jobId}/completed`,
    ])
    expect(ours[1]?.payload).toEqual({
      eventType: 'JOB_EXECUTION',
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      timestamp: expect.any(Number) as number,
      operation: 'failed',
      jobId,
      thingArn: arnOfThing(things[1] ?? ''),
      status: 'FAILED',
      statusDetails: { step: 'end' },
    })
    const completed = ours[3]?.payload
    expect(completed).toMatchObject({
      eventType: 'JOB',
      operation: 'completed',
      jobId,
      status: 'COMPLETED',
      targetSelection: 'SNAPSHOT',
      targets: things.map(arnOfThing),
      description: 'Pump firmware 2.0',
      jobProcessDetails: {
        numberOfSucceededThings: 1,
        numberOfFailedThings: 1,
        numberOfRejectedThings: 1,
        numberOfCanceledThings: 0,
        numberOfRemovedThings: 0,
      },
    })
    // timestamp in seconds; the job's own times in milliseconds, as AWS's examples show.
    expect(String(completed?.timestamp)).toHaveLength(10)
    expect(String(completed?.createdAt)).toHaveLength(13)
    expect(completed?.completedAt).toBeGreaterThanOrEqual(completed?.createdAt as number)
  })

  it('report a cancellation from start to end, and a deletion', async () => {
    await enableJobEvents()
    const [running = '', waiting = ''] = await createThings(cloud.iot, 2, 'canceled')
    const jobId = uniqueName('cancel')
    const events = await eventSubscriber([
      `$aws/events/job/${jobId}/#`,
      `$aws/events/jobExecution/${jobId}/#`,
    ])
    await cloud.iot.send(
      new CreateJobCommand({
        jobId,
        targets: [running, waiting].map(arnOfThing),
        document: DOCUMENT,
      }),
    )
    await eventually(async () => {
      const started = await cloud.jobsData.send(
        new StartNextPendingJobExecutionCommand({ thingName: running }),
      )
      expect(started.execution?.jobId).toBe(jobId)
      const { job } = await cloud.iot.send(new DescribeJobCommand({ jobId }))
      expect(job?.jobProcessDetails?.numberOfQueuedThings).toBe(1)
    })
    await cloud.iot.send(new CancelJobCommand({ jobId, comment: 'Bad batch', force: true }))
    await eventually(() => {
      expect(topicsOf(events.messages)).toContain(`job/${jobId}/canceled`)
    })
    await cloud.iot.send(new DeleteJobCommand({ jobId }))
    await eventually(() => {
      expect(topicsOf(events.messages)).toContain(`job/${jobId}/deleted`)
    })
    const topics = topicsOf(events.messages)
    expect(topics.slice(0, 1)).toEqual([`job/${jobId}/cancellation_in_progress`])
    expect(topics.slice(1, 3).sort()).toEqual([
      `jobExecution/${jobId}/canceled`,
      `jobExecution/${jobId}/canceled`,
    ])
    expect(topics.slice(3)).toEqual([
      `job/${jobId}/canceled`,
      `job/${jobId}/deletion_in_progress`,
      `job/${jobId}/deleted`,
    ])
    expect(events.messages[0]?.payload).toMatchObject({
      status: 'CANCELLATION_IN_PROGRESS',
      comment: 'Bad batch',
    })
    expect(events.messages.at(-1)?.payload).toMatchObject({
      operation: 'deleted',
      status: 'DELETED',
    })
  })

  it(
    'deliver every terminal execution event of a 1,000-device job',
    { timeout: 180_000 },
    async () => {
      await enableJobEvents()
      const FLEET_SIZE = 1000
      const things = await createThings(cloud.iot, FLEET_SIZE, 'thousand')
      const group = await createGroupOf(cloud.iot, things)
      const jobId = uniqueName('thousand')
      const events = await eventSubscriber([
        `$aws/events/jobExecution/${jobId}/#`,
        `$aws/events/job/${jobId}/#`,
      ])
      await cloud.iot.send(
        new CreateJobCommand({ jobId, targets: [arnOfGroup(group)], document: DOCUMENT }),
      )
      await inParallel(things, 16, async (thingName, index) => {
        const started = await eventually(async () => {
          const response = await cloud.jobsData.send(
            new StartNextPendingJobExecutionCommand({ thingName }),
          )
          expect(response.execution?.jobId).toBe(jobId)
          return response
        })
        await cloud.jobsData.send(
          new UpdateJobExecutionCommand({
            thingName,
            jobId,
            status: index % 10 === 0 ? 'FAILED' : 'SUCCEEDED',
            expectedVersion: started.execution?.versionNumber,
          }),
        )
      })
      await eventually(
        () => {
          expect(topicsOf(events.messages)).toContain(`job/${jobId}/completed`)
        },
        { timeoutMs: 30_000 },
      )
      const executionEvents = events.messages.filter(({ topic }) =>
        topic.startsWith(`$aws/events/jobExecution/${jobId}/`),
      )
      const thingArns = new Set(executionEvents.map(({ payload }) => payload.thingArn))
      expect(thingArns.size).toBe(FLEET_SIZE)
      expect(executionEvents.filter(({ payload }) => payload.status === 'FAILED')).toHaveLength(100)
      expect(executionEvents.filter(({ payload }) => payload.status === 'SUCCEEDED')).toHaveLength(
        900,
      )
      expect(events.messages.at(-1)?.payload).toMatchObject({
        operation: 'completed',
        jobProcessDetails: { numberOfSucceededThings: 900, numberOfFailedThings: 100 },
      })
    },
  )
})
