import { readFile } from 'node:fs/promises'
import { CreateJobCommand, DescribeJobExecutionCommand } from '@aws-sdk/client-iot'
import { iot, iotjobs, mqtt } from 'aws-iot-device-sdk-v2'
import { expect, it } from 'vitest'
import { createPolicy, OWN_TOPICS_POLICY, provisionDevice } from '../testing/device-certificates.ts'
import { arnOfThing, createThings, DOCUMENT } from '../testing/fleet-helpers.ts'
import { uniqueName, useLocalCloudFixture } from '../testing/local-cloud-fixture.ts'

/**
 * AWS's own device SDK (aws-iot-device-sdk-v2, on the native aws-crt MQTT
 * client), unmodified, provisioned as AWS provisions devices, runs a job
 * over mutual TLS with its IotJobsClient. Only the endpoint, port and CA
 * differ from what it would use against AWS.
 */
const cloud = useLocalCloudFixture()

/** Resolves with the first response a subscription hands its callback. */
function firstResponse<T>(
  subscribe: (handler: (error?: iotjobs.IotJobsError, response?: T) => void) => Promise<unknown>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    subscribe((error, response) => {
      if (error !== undefined) reject(error)
      else if (response !== undefined) resolve(response)
    }).catch(reject)
  })
}

it('completes a job through its IotJobsClient over mutual TLS', async () => {
  const [thingName = ''] = await createThings(cloud.iot, 1, 'sdk-dev')
  const credentials = await provisionDevice(
    cloud.iot,
    thingName,
    await createPolicy(cloud.iot, OWN_TOPICS_POLICY),
  )
  const endpoint = new URL(cloud.mqttsEndpoint)
  const config = iot.AwsIotMqttConnectionConfigBuilder.new_mtls_builder(
    credentials.certificatePem,
    credentials.privateKey,
  )
    .with_certificate_authority(await readFile(cloud.running.rootCaPath, 'utf8'))
    .with_endpoint(endpoint.hostname)
    .with_port(Number(endpoint.port))
    .with_client_id(thingName)
    .with_clean_session(true)
    .build()
  const connection = new mqtt.MqttClient().new_connection(config)
  await connection.connect()
  try {
    const jobs = new iotjobs.IotJobsClient(connection)
    const qos = mqtt.QoS.AtLeastOnce
    const notified = firstResponse<iotjobs.model.NextJobExecutionChangedEvent>((handler) =>
      jobs.subscribeToNextJobExecutionChangedEvents({ thingName }, qos, handler),
    )
    const jobId = uniqueName('sdk-job')
    await cloud.iot.send(
      new CreateJobCommand({ jobId, targets: [arnOfThing(thingName)], document: DOCUMENT }),
    )
    expect((await notified).execution?.jobId).toBe(jobId)

    const started = firstResponse<iotjobs.model.StartNextJobExecutionResponse>((handler) =>
      jobs.subscribeToStartNextPendingJobExecutionAccepted({ thingName }, qos, handler),
    )
    await jobs.publishStartNextPendingJobExecution({ thingName, clientToken: 'start' }, qos)
    const execution = (await started).execution
    expect(execution).toMatchObject({ jobId, status: 'IN_PROGRESS', executionNumber: 1 })
    expect(execution?.jobDocument).toEqual(JSON.parse(DOCUMENT))

    const updated = firstResponse<iotjobs.model.UpdateJobExecutionResponse>((handler) =>
      jobs.subscribeToUpdateJobExecutionAccepted({ thingName, jobId }, qos, handler),
    )
    await jobs.publishUpdateJobExecution(
      {
        thingName,
        jobId,
        status: iotjobs.model.JobStatus.SUCCEEDED,
        statusDetails: { firmware: '2.0.0' },
        expectedVersion: execution?.versionNumber ?? 0,
        clientToken: 'done',
      },
      qos,
    )
    expect((await updated).clientToken).toBe('done')
    const described = await cloud.iot.send(new DescribeJobExecutionCommand({ jobId, thingName }))
    expect(described.execution?.status).toBe('SUCCEEDED')
  } finally {
    await connection.disconnect()
  }
})
