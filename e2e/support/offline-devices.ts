import {
  AddThingToThingGroupCommand,
  CreateJobCommand,
  CreateThingCommand,
  CreateThingGroupCommand,
  DescribeJobExecutionCommand,
} from '@aws-sdk/client-iot'
import {
  IoTJobsDataPlaneClient,
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { E2E_CLOUD_ENDPOINT } from './e2e-stack.ts'
import { adminIot } from './jobs.ts'

/**
 * Things no simulator plays: their executions stay QUEUED until the test
 * itself acts as the device through the Jobs data plane (the HTTPS API a
 * device agent uses), so cancel, retry and odd statusDetails can be staged.
 */
const devicePlane = new IoTJobsDataPlaneClient({
  region: 'us-east-1',
  endpoint: E2E_CLOUD_ENDPOINT,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

export async function createOfflineThings(prefix: string, count: number): Promise<string[]> {
  const tag = unique()
  const names = Array.from({ length: count }, (_, index) => `${prefix}-${tag}-${String(index)}`)
  for (const thingName of names) await adminIot.send(new CreateThingCommand({ thingName }))
  return names
}

export async function createStaticGroup(
  prefix: string,
  things: readonly string[],
): Promise<string> {
  const thingGroupName = `${prefix}-${unique()}`
  await adminIot.send(new CreateThingGroupCommand({ thingGroupName }))
  for (const thingName of things)
    await adminIot.send(new AddThingToThingGroupCommand({ thingGroupName, thingName }))
  return thingGroupName
}

/** A plain job on offline things, made by the administrator (the app is not under test here). */
export async function createJobFor(things: readonly string[], prefix: string): Promise<string> {
  const jobId = `${prefix}-${unique()}`
  await adminIot.send(
    new CreateJobCommand({
      jobId,
      targets: things.map((thing) => `arn:aws:iot:us-east-1:000000000000:thing/${thing}`),
      document: JSON.stringify({ operation: 'reboot' }),
      description: 'Staged by an end-to-end test',
    }),
  )
  return jobId
}

export async function startAsDevice(thingName: string): Promise<void> {
  await devicePlane.send(new StartNextPendingJobExecutionCommand({ thingName }))
}

export async function finishAsDevice(
  thingName: string,
  jobId: string,
  status: 'SUCCEEDED' | 'FAILED' | 'REJECTED',
  statusDetails: Record<string, string>,
): Promise<void> {
  await devicePlane.send(new UpdateJobExecutionCommand({ thingName, jobId, status, statusDetails }))
}

export async function executionStatus(
  jobId: string,
  thingName: string,
): Promise<string | undefined> {
  const { execution } = await adminIot.send(new DescribeJobExecutionCommand({ jobId, thingName }))
  return execution?.status
}
