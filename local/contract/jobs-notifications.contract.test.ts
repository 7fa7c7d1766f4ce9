import { CancelJobCommand, CreateJobCommand } from '@aws-sdk/client-iot'
import {
  GetPendingJobExecutionsCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import type { MqttClient } from 'mqtt'
import { afterAll, describe, expect, it } from 'vitest'
import { ROLE_NAMES } from '../../domain/permissions.ts'
import { s3ObjectUrl } from '../../domain/s3-object-url.ts'
import { ACCOUNT_ID, ADMIN_CREDENTIALS, BUCKET_NAMES, REGION } from '../config.ts'
import { eventually } from '../testing/eventually.ts'
import { arnOfThing, createThings, DOCUMENT } from '../testing/fleet-helpers.ts'
import { askJobs, recordMessages, type ReceivedMessage } from '../testing/jobs-mqtt-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import { connectMqtt } from '../testing/mqtt-helpers.ts'

/**
 * The `notify` and `notify-next` pushes a device hears, whichever plane
 * changed its executions, following the developer guide's walk-through
 * (https://docs.aws.amazon.com/iot/latest/developerguide/jobs-comm-notifications.html),
 * and job documents with pre-signed URL placeholders delivered over MQTT.
 */
const cloud = useLocalCloudFixture()
const clients: MqttClient[] = []

afterAll(async () => {
  await Promise.all(clients.map((client) => client.endAsync()))
})

async function listeningDevice() {
  const [thingName = ''] = await createThings(cloud.iot, 1, 'notified')
  const client = await connectMqtt(cloud.mqttEndpoint, thingName)
  clients.push(client)
  const base = `$aws/things/${thingName}/jobs`
  await client.subscribeAsync([`${base}/notify`, `${base}/notify-next`])
  const recorder = recordMessages(client)
  // The device also hears its answers (…/accepted): only the pushes count here.
  const received = () =>
    recorder.messages.filter(
      ({ topic }) => topic === `${base}/notify` || topic === `${base}/notify-next`,
    )
  let seen = 0
  /** Waits for `count` new pushes (then `settleMs` for strays) and returns them in order. */
  const pushes = async (count: number, settleMs = 0): Promise<ReceivedMessage[]> => {
    await eventually(() => {
      expect(received().length - seen).toBeGreaterThanOrEqual(count)
    })
    if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs))
    const fresh = received().slice(seen)
    seen += fresh.length
    return fresh
  }
  return { thingName, client, base, pushes }
}

async function jobFor(thingName: string, jobId = uniqueName('job'), extra: object = {}) {
  await cloud.iot.send(
    new CreateJobCommand({ jobId, targets: [arnOfThing(thingName)], document: DOCUMENT, ...extra }),
  )
  return jobId
}

/** A push reduced to what the rules decide: the listed job ids by status, or the head. */
function summary({ topic, payload }: ReceivedMessage) {
  expect(Number.isInteger(payload.timestamp)).toBe(true)
  if (topic.endsWith('/notify')) {
    const jobs = payload.jobs as Record<string, { jobId: string }[]>
    return {
      notify: Object.fromEntries(
        Object.entries(jobs).map(([status, list]) => [status, list.map(({ jobId }) => jobId)]),
      ),
    }
  }
  const execution = payload.execution as { jobId: string; status: string } | undefined
  return { next: execution === undefined ? null : `${execution.jobId} ${execution.status}` }
}

describe('notify and notify-next', () => {
  it('follow the queue: a push when it changes, notify-next only when its head changes', async () => {
    const { thingName, client, base, pushes } = await listeningDevice()
    const job1 = await jobFor(thingName, `${uniqueName('walk')}-1`)
    expect((await pushes(2)).map(summary)).toEqual([
      { notify: { QUEUED: [job1] } },
      { next: `${job1} QUEUED` },
    ])

    const job2 = await jobFor(thingName, `${job1.slice(0, -2)}-2`)
    expect((await pushes(1)).map(summary)).toEqual([{ notify: { QUEUED: [job1, job2] } }])

    // Starting the head publishes nothing: the next push is job3's.
    const started = await askJobs(client, `${base}/start-next`, {})
    expect(started.payload.execution).toMatchObject({ jobId: job1, status: 'IN_PROGRESS' })
    const job3 = await jobFor(thingName, `${job1.slice(0, -2)}-3`)
    expect((await pushes(1)).map(summary)).toEqual([
      { notify: { IN_PROGRESS: [job1], QUEUED: [job2, job3] } },
    ])

    // Changes over HTTPS push to MQTT subscribers too.
    await cloud.jobsData.send(
      new UpdateJobExecutionCommand({ thingName, jobId: job1, status: 'SUCCEEDED' }),
    )
    expect((await pushes(2)).map(summary)).toEqual([
      { notify: { QUEUED: [job2, job3] } },
      { next: `${job2} QUEUED` },
    ])

    // Starting job3 before job2 makes it the head: notify-next alone.
    await askJobs(client, `${base}/${job3}/update`, { status: 'IN_PROGRESS' })
    expect((await pushes(1)).map(summary)).toEqual([{ next: `${job3} IN_PROGRESS` }])

    await askJobs(client, `${base}/${job2}/update`, { status: 'REJECTED' })
    expect((await pushes(1)).map(summary)).toEqual([{ notify: { IN_PROGRESS: [job3] } }])

    await cloud.iot.send(new CancelJobCommand({ jobId: job3, force: true }))
    const last = await pushes(2, 300)
    expect(last.map(summary)).toEqual([{ notify: {} }, { next: null }])
    expect(Object.keys(last[1]?.payload ?? {})).toEqual(['timestamp'])
  })

  it('list at most 10 executions', { timeout: 30_000 }, async () => {
    const { thingName, pushes } = await listeningDevice()
    const prefix = uniqueName('many')
    const jobIds: string[] = []
    for (let index = 0; index < 12; index += 1) {
      jobIds.push(await jobFor(thingName, `${prefix}-${String(index).padStart(2, '0')}`))
    }
    // Every job added changed the list; the head changed once.
    const received = await pushes(13, 300)
    const lists = received.filter(({ topic }) => topic.endsWith('/notify')).map(summary)
    expect(lists).toHaveLength(12)
    expect(lists.at(-1)).toEqual({ notify: { QUEUED: jobIds.slice(0, 10) } })
    const pending = await cloud.jobsData.send(new GetPendingJobExecutionsCommand({ thingName }))
    expect(pending.queuedJobs?.map(({ jobId }) => jobId)).toEqual(jobIds.slice(0, 10))
  })
})

describe('pre-signed URL placeholders over MQTT', () => {
  it('become URLs the device can download with, in answers and in notify-next', async () => {
    const s3 = new S3Client({
      region: REGION,
      endpoint: cloud.endpoint,
      forcePathStyle: true,
      credentials: ADMIN_CREDENTIALS,
      maxAttempts: 1,
    })
    const bucket = BUCKET_NAMES.firmwareBucket
    await s3.send(new CreateBucketCommand({ Bucket: bucket }))
    const key = `pump/${uniqueName('fw')}.bin`
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'firmware bytes' }))
    s3.destroy()
    const placeholder = `\${aws:iot:s3-presigned-url:${s3ObjectUrl({ bucket, key, region: REGION })}}`

    const { thingName, client, base, pushes } = await listeningDevice()
    await jobFor(thingName, uniqueName('signed'), {
      document: JSON.stringify({ operation: 'install', url: placeholder }),
      presignedUrlConfig: {
        roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/${ROLE_NAMES.iotPresigner}`,
        expiresInSec: 300,
      },
    })
    const [, next] = await pushes(2)
    const pushedUrl = (next?.payload.execution as { jobDocument: { url: string } }).jobDocument.url

    const started = await askJobs(client, `${base}/start-next`, {})
    const { url } = (started.payload.execution as { jobDocument: { url: string } }).jobDocument
    for (const signed of [url, pushedUrl]) {
      expect(signed).toContain('X-Amz-Signature=')
      const download = await fetch(signed)
      expect(download.status).toBe(200)
      expect(await download.text()).toBe('firmware bytes')
    }
  })
})
