import {
  CreateJobCommand,
  DeleteThingCommand,
  DescribeJobCommand,
  DescribeJobExecutionCommand as DescribeControlExecutionCommand,
} from '@aws-sdk/client-iot'
import {
  DescribeJobExecutionCommand,
  StartNextPendingJobExecutionCommand,
  TerminalStateException,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import type { MqttClient } from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import { ADMIN_CREDENTIALS } from '../config.ts'
import { eventually } from '../testing/eventually.ts'
import { arnOfThing, createThings, DOCUMENT } from '../testing/fleet-helpers.ts'
import { askJobs, recordMessages } from '../testing/jobs-mqtt-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import { connectMqtt, connectMqttWebSocket } from '../testing/mqtt-helpers.ts'

/**
 * The Jobs MQTT API with a real mqtt.js client as the device, over the plain
 * TCP listener (client id = thing name): a device that knows only the AWS
 * protocol runs a job end to end, mixes MQTT and HTTPS, and meets every
 * rejection. https://docs.aws.amazon.com/iot/latest/developerguide/jobs-mqtt-api.html
 */
const cloud = useLocalCloudFixture()
const clients: MqttClient[] = []

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.endAsync()))
})

async function device(): Promise<{ thingName: string; client: MqttClient; base: string }> {
  const [thingName = ''] = await createThings(cloud.iot, 1, 'mqtt-dev')
  const client = await connectMqtt(cloud.mqttEndpoint, thingName)
  clients.push(client)
  return { thingName, client, base: `$aws/things/${thingName}/jobs` }
}

async function jobFor(thingName: string, document = DOCUMENT): Promise<string> {
  const jobId = uniqueName('job')
  await cloud.iot.send(new CreateJobCommand({ jobId, targets: [arnOfThing(thingName)], document }))
  return jobId
}

/** The job's execution is queued once the rollout has reached the thing. */
async function queuedFor(client: MqttClient, base: string, jobId: string): Promise<void> {
  await eventually(async () => {
    const pending = await askJobs(client, `${base}/get`, {})
    expect(pending.payload.queuedJobs).toEqual([expect.objectContaining({ jobId })])
  })
}

function expectSecondsNow(timestamp: unknown): void {
  expect(Number.isInteger(timestamp)).toBe(true)
  expect(Math.abs((timestamp as number) - Date.now() / 1000)).toBeLessThan(60)
}

describe('a device running a job over MQTT only', () => {
  it('lists, starts, reports progress and succeeds, with AWS message shapes', async () => {
    const { thingName, client, base } = await device()
    const jobId = await jobFor(thingName)
    await queuedFor(client, base, jobId)

    const pending = await askJobs(client, `${base}/get`, { clientToken: 'list-1' })
    expect(pending).toMatchObject({
      outcome: 'accepted',
      payload: {
        clientToken: 'list-1',
        inProgressJobs: [],
        queuedJobs: [{ jobId, executionNumber: 1, versionNumber: 1 }],
      },
    })
    expectSecondsNow(pending.payload.timestamp)

    const next = await askJobs(client, `${base}/$next/get`, { clientToken: 'peek' })
    expect(next.payload).toMatchObject({
      clientToken: 'peek',
      execution: { jobId, thingName, status: 'QUEUED', jobDocument: JSON.parse(DOCUMENT) },
    })

    const started = await askJobs(client, `${base}/start-next`, {
      statusDetails: { step: 'download' },
      stepTimeoutInMinutes: 30,
      clientToken: 'start-1',
    })
    expect(started).toMatchObject({
      outcome: 'accepted',
      payload: {
        clientToken: 'start-1',
        execution: {
          jobId,
          thingName,
          status: 'IN_PROGRESS',
          statusDetails: { step: 'download' },
          versionNumber: 2,
          executionNumber: 1,
          // Over MQTT the document is an object, not the string HTTPS sends.
          jobDocument: JSON.parse(DOCUMENT),
        },
      },
    })
    const execution = started.payload.execution as Record<string, number>
    expectSecondsNow(execution.startedAt)
    expect(execution.approximateSecondsBeforeTimedOut).toBeGreaterThan(29 * 60)

    const progress = await askJobs(client, `${base}/${jobId}/update`, {
      status: 'IN_PROGRESS',
      statusDetails: { step: 'install', percent: '50' },
      expectedVersion: 2,
      includeJobExecutionState: true,
      includeJobDocument: true,
      clientToken: 'update-1',
    })
    expect(progress.payload).toEqual({
      clientToken: 'update-1',
      timestamp: expect.any(Number) as number,
      executionState: {
        status: 'IN_PROGRESS',
        statusDetails: { step: 'install', percent: '50' },
        versionNumber: 3,
      },
      jobDocument: JSON.parse(DOCUMENT) as unknown,
    })

    const done = await askJobs(client, `${base}/${jobId}/update`, {
      status: 'SUCCEEDED',
      statusDetails: { step: 'done' },
      expectedVersion: 3,
    })
    expect(done.outcome).toBe('accepted')
    expect(done.payload).not.toHaveProperty('executionState')
    expect(done.payload).not.toHaveProperty('jobDocument')

    // The change was durable and visible to the control plane when accepted.
    const { execution: final } = await cloud.iot.send(
      new DescribeControlExecutionCommand({ jobId, thingName }),
    )
    expect(final).toMatchObject({
      status: 'SUCCEEDED',
      versionNumber: 4,
      statusDetails: { detailsMap: { step: 'done' } },
    })
    await eventually(async () => {
      const { job } = await cloud.iot.send(new DescribeJobCommand({ jobId }))
      expect(job).toMatchObject({
        status: 'COMPLETED',
        jobProcessDetails: { numberOfSucceededThings: 1 },
      })
    })
    const empty = await askJobs(client, `${base}/start-next`, {})
    expect(empty.payload).not.toHaveProperty('execution')
  })
})

describe('one engine behind both planes', () => {
  it('lets a device start over HTTPS, report over MQTT and finish over HTTPS', async () => {
    const { thingName, client, base } = await device()
    const jobId = await jobFor(thingName)
    await queuedFor(client, base, jobId)

    const started = await cloud.jobsData.send(
      new StartNextPendingJobExecutionCommand({ thingName, statusDetails: { step: 'download' } }),
    )
    expect(started.execution).toMatchObject({ jobId, versionNumber: 2, jobDocument: DOCUMENT })

    const progress = await askJobs(client, `${base}/${jobId}/update`, {
      status: 'IN_PROGRESS',
      statusDetails: { step: 'install' },
      expectedVersion: 2,
    })
    expect(progress.outcome).toBe('accepted')
    const described = await cloud.jobsData.send(
      new DescribeJobExecutionCommand({ thingName, jobId, includeJobDocument: false }),
    )
    expect(described.execution).toMatchObject({
      status: 'IN_PROGRESS',
      statusDetails: { step: 'install' },
      versionNumber: 3,
    })

    // A stale version from the other plane is refused on this one.
    const stale = await askJobs(client, `${base}/${jobId}/update`, {
      status: 'SUCCEEDED',
      expectedVersion: 2,
    })
    expect(stale.payload).toMatchObject({ code: 'VersionMismatch' })

    await cloud.jobsData.send(
      new UpdateJobExecutionCommand({ thingName, jobId, status: 'SUCCEEDED', expectedVersion: 3 }),
    )
    const ended = await askJobs(client, `${base}/${jobId}/get`, { clientToken: 'after' })
    expect(ended.payload).toMatchObject({ code: 'TerminalStateReached', clientToken: 'after' })
    await expect(
      cloud.jobsData.send(new DescribeJobExecutionCommand({ thingName, jobId })),
    ).rejects.toBeInstanceOf(TerminalStateException)
    await expect(
      cloud.jobsData.send(new DescribeJobExecutionCommand({ thingName, jobId })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 410 } })
  })
})

describe('rejections', () => {
  it('answer every refusal on …/rejected with its code, the clientToken and a timestamp', async () => {
    const { thingName, client, base } = await device()
    const jobId = await jobFor(thingName)
    await queuedFor(client, base, jobId)
    const reject = async (topic: string, payload: unknown) => {
      const reply = await askJobs(client, topic, payload)
      expect(reply.outcome, JSON.stringify(reply.payload)).toBe('rejected')
      expect(reply.topic).toBe(`${topic}/rejected`)
      expectSecondsNow(reply.payload.timestamp)
      return reply.payload
    }

    expect(await reject(`${base}/${jobId}/delete`, { clientToken: 't1' })).toMatchObject({
      code: 'InvalidTopic',
      clientToken: 't1',
    })
    expect(await reject(`${base}/notify`, {})).toMatchObject({ code: 'InvalidTopic' })

    const notJson = await reject(`${base}/get`, '{"clientToken": "t2",')
    expect(notJson).toMatchObject({ code: 'InvalidJson' })
    expect(notJson).not.toHaveProperty('clientToken')

    expect(await reject(`${base}/get`, ['not', 'an', 'object'])).toMatchObject({
      code: 'InvalidRequest',
    })
    expect(await reject(`${base}/get`, { clientToken: 42 })).toMatchObject({
      code: 'InvalidRequest',
    })
    expect(await reject(`${base}/${jobId}/update`, { clientToken: 't3' })).toMatchObject({
      code: 'InvalidRequest',
      message: 'status is required on every update.',
      clientToken: 't3',
    })
    expect(
      await reject(`${base}/${jobId}/update`, { status: 'IN_PROGRESS', statusDetails: { a: 1 } }),
    ).toMatchObject({ code: 'InvalidRequest' })
    expect(await reject(`${base}/${jobId}/update`, { status: 'CANCELED' })).toMatchObject({
      code: 'InvalidRequest',
    })
    expect(await reject(`${base}/start-next`, { stepTimeoutInMinutes: 0 })).toMatchObject({
      code: 'InvalidRequest',
    })
    expect(await reject(`${base}/$next/update`, { status: 'IN_PROGRESS' })).toMatchObject({
      code: 'InvalidRequest',
    })

    expect(await reject(`${base}/no-such-job/get`, { clientToken: 't4' })).toMatchObject({
      code: 'ResourceNotFound',
      clientToken: 't4',
    })
    expect(await reject(`${base}/no-such-job/update`, { status: 'IN_PROGRESS' })).toMatchObject({
      code: 'ResourceNotFound',
    })
    expect(await reject(`${base}/${jobId}/get`, { executionNumber: 7 })).toMatchObject({
      code: 'ResourceNotFound',
    })

    expect(
      await reject(`${base}/${jobId}/update`, {
        status: 'IN_PROGRESS',
        expectedVersion: 5,
        clientToken: 't5',
      }),
    ).toMatchObject({
      code: 'VersionMismatch',
      clientToken: 't5',
      executionState: { status: 'QUEUED', statusDetails: {}, versionNumber: 1 },
    })

    await askJobs(client, `${base}/${jobId}/update`, {
      status: 'SUCCEEDED',
      statusDetails: { step: 'done' },
    })
    expect(
      await reject(`${base}/${jobId}/update`, { status: 'IN_PROGRESS', clientToken: 't6' }),
    ).toMatchObject({
      code: 'InvalidStateTransition',
      clientToken: 't6',
      executionState: { status: 'SUCCEEDED', statusDetails: { step: 'done' }, versionNumber: 2 },
    })
    expect(await reject(`${base}/${jobId}/get`, {})).toMatchObject({
      code: 'TerminalStateReached',
    })
    // InternalError (a change that cannot be made durable) is covered by
    // local/jobs/mqtt/jobs-mqtt-api.test.ts; RequestThrottled is never sent.
  })

  it('answers ResourceNotFound once the thing is deleted under a connected device', async () => {
    const { thingName, client, base } = await device()
    await cloud.iot.send(new DeleteThingCommand({ thingName }))
    const reply = await askJobs(client, `${base}/get`, { clientToken: 'gone' })
    expect(reply).toMatchObject({
      outcome: 'rejected',
      payload: { code: 'ResourceNotFound', clientToken: 'gone' },
    })
  })
})

describe('answers are private', () => {
  it('reach only the requesting client, while notifications reach every allowed subscriber', async () => {
    const { thingName, client, base } = await device()
    // The admin may subscribe to any topic: it stands for a rule or a dashboard.
    const watcher = await connectMqttWebSocket(
      cloud.endpoint,
      ADMIN_CREDENTIALS,
      uniqueName('watcher'),
    )
    clients.push(watcher)
    await watcher.subscribeAsync(`${base}/#`)
    const seen = recordMessages(watcher)
    const heard = recordMessages(client)

    const jobId = await jobFor(thingName)
    await eventually(() => {
      expect(seen.messages.map(({ topic }) => topic)).toContain(`${base}/notify`)
    })
    await askJobs(client, `${base}/get`, { clientToken: 'mine' })
    await askJobs(client, `${base}/start-next`, {})
    await askJobs(client, `${base}/${jobId}/update`, { status: 'SUCCEEDED' })
    await askJobs(client, `${base}/no-such-job/get`, {})
    await eventually(() => {
      expect(seen.messages.filter(({ topic }) => topic === `${base}/notify`)).toHaveLength(2)
    })

    // The device never subscribed, yet heard its answers.
    expect(heard.messages.map(({ topic }) => topic)).toEqual([
      `${base}/get/accepted`,
      `${base}/start-next/accepted`,
      `${base}/${jobId}/update/accepted`,
      `${base}/no-such-job/get/rejected`,
    ])
    // The watcher heard the pushes, and neither the requests nor their answers.
    expect(new Set(seen.messages.map(({ topic }) => topic))).toEqual(
      new Set([`${base}/notify`, `${base}/notify-next`]),
    )
  })
})
