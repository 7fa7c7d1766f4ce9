import {
  DescribeJobCommand,
  IoTClient,
  ListThingsInThingGroupCommand,
  type JobProcessDetails,
} from '@aws-sdk/client-iot'
import { GetThingShadowCommand, IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane'
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { expect, type Page } from '@playwright/test'
import { E2E_CLOUD_ENDPOINT } from './e2e-stack.ts'

/** The account's administrator, to watch what devices did (never to act for the app). */
export const adminIot = new IoTClient({
  region: 'us-east-1',
  endpoint: E2E_CLOUD_ENDPOINT,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})

const adminCredentials = { accessKeyId: 'test', secretAccessKey: 'test' }
const adminIotData = new IoTDataPlaneClient({
  region: 'us-east-1',
  endpoint: E2E_CLOUD_ENDPOINT,
  credentials: adminCredentials,
})
const adminS3 = new S3Client({
  region: 'us-east-1',
  endpoint: E2E_CLOUD_ENDPOINT,
  credentials: adminCredentials,
  forcePathStyle: true,
})

/** The things in a group and its child groups. */
export async function groupMembers(thingGroupName: string): Promise<string[]> {
  const { things } = await adminIot.send(
    new ListThingsInThingGroupCommand({ thingGroupName, recursive: true }),
  )
  return things ?? []
}

/** The configuration a device reports in its classic shadow. */
export async function reportedConfig(thingName: string): Promise<unknown> {
  const { payload } = await adminIotData.send(new GetThingShadowCommand({ thingName }))
  const shadow = JSON.parse(new TextDecoder().decode(payload)) as {
    state?: { reported?: { config?: unknown } }
  }
  return shadow.state?.reported?.config
}

/** The configuration file a config-upload job stored in the config bucket. */
export async function configurationUploadedBy(thingName: string, jobId: string): Promise<unknown> {
  const { Body } = await adminS3.send(
    new GetObjectCommand({ Bucket: 'fleetdeck-config', Key: `uploads/${thingName}/${jobId}.json` }),
  )
  return JSON.parse((await Body?.transformToString()) ?? 'null')
}

/** The job id the app announced in its notification after creating a job. */
export async function createdJobId(page: Page): Promise<string> {
  const header = page.getByText(/^Created (job )?\S+$/).first()
  await expect(header).toBeVisible({ timeout: 20_000 })
  return ((await header.textContent()) ?? '').replace(/^Created (job )?/, '')
}

/** Waits until the simulated devices have finished the job, and returns its counters. */
export async function finishedJob(jobId: string): Promise<JobProcessDetails> {
  let details: JobProcessDetails | undefined
  await expect
    .poll(
      async () => {
        const { job } = await adminIot.send(new DescribeJobCommand({ jobId }))
        details = job?.jobProcessDetails
        return job?.status
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toBe('COMPLETED')
  if (details === undefined) throw new Error(`job ${jobId} has no counters`)
  return details
}

/** Goes through the firmware wizard from a deep link to its review step. */
export async function reviewFirmwareJob(page: Page, deepLink: string): Promise<void> {
  await page.goto(deepLink)
  const summary = page.getByRole('heading', { name: 'Summary' })
  // A step whose check is still loading (a group just created, the catalog)
  // stays put on Next: press again until the review step shows.
  await expect(async () => {
    if (!(await summary.isVisible())) await page.getByRole('button', { name: 'Next' }).click()
    await expect(summary).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
}
