import { readFile } from 'node:fs/promises'
import { CreateJobCommand, DescribeJobExecutionCommand } from '@aws-sdk/client-iot'
import { describe, expect, it } from 'vitest'
import {
  connectMqttTls,
  createPolicy,
  OWN_TOPICS_POLICY,
  provisionDevice,
} from '../testing/device-certificates.ts'
import { arnOfThing, createThings, DOCUMENT } from '../testing/fleet-helpers.ts'
import { askJobs } from '../testing/jobs-mqtt-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'
import { nextMessage } from '../testing/mqtt-helpers.ts'

/**
 * The "done when": a device written only against the AWS IoT Jobs
 * MQTT protocol, provisioned as AWS provisions devices (certificate, policy
 * with thing variables, thing attachment), completes a job over mutual TLS.
 * https://docs.aws.amazon.com/iot/latest/developerguide/jobs-workflow-device-online.html
 */
const cloud = useLocalCloudFixture()

describe('a device over mutual TLS running a job with the Jobs MQTT API', () => {
  it('is told of the job on notify-next, starts it and reports success', async () => {
    const [thingName = ''] = await createThings(cloud.iot, 1, 'tls-dev')
    const credentials = await provisionDevice(
      cloud.iot,
      thingName,
      await createPolicy(cloud.iot, OWN_TOPICS_POLICY),
    )
    const ca = await readFile(cloud.running.rootCaPath, 'utf8')
    const device = await connectMqttTls(cloud.mqttsEndpoint, thingName, credentials, ca)
    const base = `$aws/things/${thingName}/jobs`
    try {
      await device.subscribeAsync(`${base}/notify-next`)
      const notified = nextMessage(device, `${base}/notify-next`, 10_000)
      const jobId = uniqueName('tls-job')
      await cloud.iot.send(
        new CreateJobCommand({ jobId, targets: [arnOfThing(thingName)], document: DOCUMENT }),
      )
      expect(await notified).toMatchObject({ execution: { jobId, status: 'QUEUED' } })

      const started = await askJobs(device, `${base}/start-next`, { clientToken: 'start' })
      expect(started).toMatchObject({
        outcome: 'accepted',
        payload: {
          clientToken: 'start',
          execution: { jobId, thingName, status: 'IN_PROGRESS', jobDocument: JSON.parse(DOCUMENT) },
        },
      })
      const done = await askJobs(device, `${base}/${jobId}/update`, {
        status: 'SUCCEEDED',
        statusDetails: { result: 'installed' },
        expectedVersion: 2,
      })
      expect(done.outcome).toBe('accepted')

      const { execution } = await cloud.iot.send(
        new DescribeJobExecutionCommand({ jobId, thingName }),
      )
      expect(execution).toMatchObject({
        status: 'SUCCEEDED',
        statusDetails: { detailsMap: { result: 'installed' } },
      })
    } finally {
      await device.endAsync()
    }
  })

  it("is disconnected for asking about another thing's jobs, which its policy does not allow", async () => {
    const [thingName = '', other = ''] = await createThings(cloud.iot, 2, 'tls-dev')
    const credentials = await provisionDevice(
      cloud.iot,
      thingName,
      await createPolicy(cloud.iot, OWN_TOPICS_POLICY),
    )
    const ca = await readFile(cloud.running.rootCaPath, 'utf8')
    const device = await connectMqttTls(cloud.mqttsEndpoint, thingName, credentials, ca)
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()))
    device.publish(`$aws/things/${other}/jobs/get`, JSON.stringify({ clientToken: 'peek' }))
    await closed
    device.end(true)
  })
})
