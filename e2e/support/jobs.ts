import { DescribeJobCommand, IoTClient, type JobProcessDetails } from '@aws-sdk/client-iot'
import { expect, type Page } from '@playwright/test'
import { E2E_CLOUD_ENDPOINT } from './e2e-stack.ts'

/** The account's administrator, to watch what devices did (never to act for the app). */
export const adminIot = new IoTClient({
  region: 'us-east-1',
  endpoint: E2E_CLOUD_ENDPOINT,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})

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
  for (let step = 0; step < 3; step++) await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible()
}
