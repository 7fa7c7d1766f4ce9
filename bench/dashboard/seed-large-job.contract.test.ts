import {
  DescribeJobCommand,
  DescribeJobExecutionCommand,
  GetJobDocumentCommand,
  ListJobExecutionsForJobCommand,
  type JobExecutionStatus,
} from '@aws-sdk/client-iot'
import type { MqttClient } from 'mqtt'
import { afterAll, describe, expect, it } from 'vitest'
import { DASHBOARD_CLIENT_ID_PREFIX, ROLE_NAMES } from '../../domain/permissions.ts'
import { ACCOUNT_ID } from '../../local/config.ts'
import { eventually } from '../../local/testing/eventually.ts'
import { recordMessages } from '../../local/testing/jobs-mqtt-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../../local/testing/local-cloud-fixture.ts'
import { connectMqttWebSocket } from '../../local/testing/mqtt-helpers.ts'
import { driveExecutions } from './event-driver.ts'
import { LARGE_JOB_DOCUMENT, seedLargeJob } from './seed-large-job.ts'

/**
 * bench/dashboard's server side at a small size: the seeded job reads as
 * the API would have made it, and the driver's updates come out as
 * DescribeJob counters, listed executions and job events on the dashboard's
 * own kind of MQTT connection (viewer credentials over the signed WebSocket).
 */
const THINGS = 2_000
const cloud = useLocalCloudFixture()
let client: MqttClient | undefined

afterAll(async () => {
  await client?.endAsync()
})

async function countListed(jobId: string, status: JobExecutionStatus): Promise<number> {
  let count = 0
  let nextToken: string | undefined
  do {
    const page = await cloud.iot.send(
      new ListJobExecutionsForJobCommand({ jobId, status, maxResults: 250, nextToken }),
    )
    count += page.executionSummaries?.length ?? 0
    nextToken = page.nextToken
  } while (nextToken !== undefined)
  return count
}

describe('the large-job seed and the event driver', () => {
  it('seed a job the API reads normally, then drive executions that show in counters and events', async () => {
    const seeded = await seedLargeJob(cloud.running, { things: THINGS, batchSize: 500 })
    const { jobId } = seeded
    expect(seeded.thingNames).toHaveLength(THINGS)

    const { job } = await cloud.iot.send(new DescribeJobCommand({ jobId }))
    expect(job).toMatchObject({
      status: 'IN_PROGRESS',
      targetSelection: 'SNAPSHOT',
      targets: [expect.stringMatching(new RegExp(`:thinggroup/${seeded.thingGroupName}$`))],
      jobProcessDetails: { numberOfQueuedThings: THINGS, numberOfInProgressThings: 0 },
    })
    expect((await cloud.iot.send(new GetJobDocumentCommand({ jobId }))).document).toBe(
      LARGE_JOB_DOCUMENT,
    )
    expect(await countListed(jobId, 'QUEUED')).toBe(THINGS)

    const viewerRole = `arn:aws:iam::${ACCOUNT_ID}:role/${ROLE_NAMES.viewer}`
    client = await connectMqttWebSocket(
      cloud.endpoint,
      cloud.running.cloud.temporaryCredentials.issue(viewerRole, 'bench', 3_600_000),
      uniqueName(`${DASHBOARD_CLIENT_ID_PREFIX}bench`),
      { tokenAfterSigning: true },
    )
    await client.subscribeAsync(`$aws/events/jobExecution/${jobId}/#`)
    const events = recordMessages(client)

    const report = await driveExecutions(cloud.running, {
      jobId,
      ratePerSecond: 1_000,
      durationMs: 1_000,
      inProgressMs: 300,
      failedShare: 0.1,
    })
    expect(report.stoppedBecause).toBe('duration')
    const driven = report.updates
    expect(driven.length).toBeGreaterThanOrEqual(900)
    expect(driven.length).toBeLessThanOrEqual(1_000)
    const failed = driven.filter((update) => update.status === 'FAILED').length
    expect(failed).toBeGreaterThan(0)

    const { job: after } = await cloud.iot.send(new DescribeJobCommand({ jobId }))
    expect(after?.jobProcessDetails).toMatchObject({
      numberOfSucceededThings: driven.length - failed,
      numberOfFailedThings: failed,
      numberOfInProgressThings: report.started - driven.length,
      numberOfQueuedThings: THINGS - report.started,
    })
    expect(await countListed(jobId, 'FAILED')).toBe(failed)
    expect(await countListed(jobId, 'SUCCEEDED')).toBe(driven.length - failed)

    // Every terminal update is a job event, with the simulator's statusDetails.
    await eventually(() => expect(events.messages).toHaveLength(driven.length))
    const byThing = new Map(
      events.messages.map(({ payload }) => [String(payload.thingArn).split('/').pop(), payload]),
    )
    for (const update of driven) {
      const event = byThing.get(update.thingName)
      expect(event).toMatchObject({ eventType: 'JOB_EXECUTION', jobId, status: update.status })
      expect((event?.statusDetails as Record<string, string>).downloadMs).toMatch(/^\d+$/)
    }
    const failure = driven.find((update) => update.status === 'FAILED')
    const { execution } = await cloud.iot.send(
      new DescribeJobExecutionCommand({ jobId, thingName: failure?.thingName ?? '' }),
    )
    expect(execution?.statusDetails?.detailsMap).toMatchObject({
      reason: expect.stringMatching(/./),
      previousVersion: '1.0.0',
      targetVersion: '2.0.0',
    })
  }, 60_000)
})
