import { DescribeJobCommand } from '@aws-sdk/client-iot'
import { GetThingShadowCommand, IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane'
import { expect, test, type Page } from '@playwright/test'
import { reportedFirmwareOf } from '../domain/reported-firmware.ts'
import { capture } from './support/capture.ts'
import { E2E_CLOUD_ENDPOINT } from './support/e2e-stack.ts'
import {
  BAD_VERSION,
  BOOT_FAILING_DEVICES,
  HEALTHY_DEVICES,
  MONITORING_DEVICES,
  MONITORING_MODEL,
  MONITORING_START_VERSION,
  REVERTING_DEVICES,
} from './support/fault-injection.ts'
import { adminIot, createdJobId, finishedJob, reviewFirmwareJob } from './support/jobs.ts'
import {
  createJobFor,
  createOfflineThings,
  createStaticGroup,
  executionStatus,
  finishAsDevice,
  startAsDevice,
} from './support/offline-devices.ts'
import { signIn } from './support/sign-in.ts'
import { createUser } from './support/users.ts'

/**
 * Issue 10: a job's live page. The first test rolls a bad build out to ten
 * simulated thermostats (support/fault-injection.ts: four fail to boot it,
 * one reverts after succeeding); the others stage executions on things no
 * simulator plays, acting as the device through the Jobs data plane.
 */
test.describe.configure({ mode: 'serial' })

const iotData = new IoTDataPlaneClient({
  region: 'us-east-1',
  endpoint: E2E_CLOUD_ENDPOINT,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
})

async function reportedVersion(thingName: string): Promise<string | undefined> {
  const { payload } = await iotData.send(new GetThingShadowCommand({ thingName }))
  return reportedFirmwareOf(JSON.parse(new TextDecoder().decode(payload))).version
}

const breakdown = (page: Page) => page.getByTestId('execution-breakdown')
const count = async (page: Page, status: string) =>
  Number(await breakdown(page).getAttribute(`data-${status}`))

test('a bad build: the chart moves live, the alert fires, a reverted device is flagged, and rollback restores the fleet', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000)
  const group = await createStaticGroup('e2e-bad-build', MONITORING_DEVICES)
  await signIn(page, await createUser('operator'), '/jobs')
  await reviewFirmwareJob(
    page,
    `/jobs/new?group=${group}&model=${MONITORING_MODEL}&version=${BAD_VERSION}`,
  )
  // The job is created only once its preflight is known.
  await expect(page.getByRole('row', { name: /^Upgraded 10 / })).toBeVisible({ timeout: 20_000 })
  await page.getByRole('button', { name: 'Create job' }).click()
  const jobId = await createdJobId(page)
  await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}$`))
  await expect(page.getByRole('heading', { level: 1, name: jobId })).toBeVisible()
  // A marker a reload would wipe: everything below must happen on this one page.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }))
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live')

  // The counters move as devices finish, pushed rather than reloaded.
  const finishedSeen = new Set<number>()
  await expect
    .poll(
      async () => {
        const finished = (await count(page, 'succeeded')) + (await count(page, 'failed'))
        finishedSeen.add(finished)
        return finished
      },
      { timeout: 60_000, intervals: [150] },
    )
    .toBe(MONITORING_DEVICES.length)
  expect(finishedSeen.size).toBeGreaterThan(2)
  expect(await count(page, 'failed')).toBe(BOOT_FAILING_DEVICES.length)
  expect(
    Number(await page.getByTestId('execution-state-chart').getAttribute('data-points')),
  ).toBeGreaterThan(2)

  // 4 failures of 10 outcomes is above the default 10 % threshold.
  await expect(page.getByTestId('job-alerts')).toHaveAttribute('data-count', '1')
  await expect(page.getByText(/^Failure rate 40 % is above 10 %$/)).toBeVisible()
  await expect(page.getByTestId('abort-config')).toContainText('will not stop this job')
  await expect(
    page.getByTestId('failure-reasons').getByRole('row', { name: /boot-failed-rolled-back/ }),
  ).toContainText(String(BOOT_FAILING_DEVICES.length))

  // The device that reverted after reporting success is flagged.
  const [reverting = ''] = REVERTING_DEVICES
  await expect(
    page
      .getByRole('list', { name: 'Succeeded but reverted' })
      .getByRole('link', { name: reverting }),
  ).toBeVisible({ timeout: 60_000 })
  await expect(page.getByTestId('execution-row').filter({ hasText: reverting })).toContainText(
    'reverted',
  )
  expect(await page.evaluate(() => '__sameDocument' in window)).toBe(true)
  await capture(page, testInfo, 'job-detail-bad-build')

  // One click (and the job's id typed) rolls back the devices that kept the bad build.
  await page.getByRole('button', { name: 'Roll back' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText(MONITORING_START_VERSION)
  await dialog.getByLabel('Typed confirmation').fill(jobId)
  await capture(page, testInfo, 'job-rollback-confirmation')
  await dialog.getByRole('button', { name: 'Roll back', exact: true }).click()
  const created = page.getByText(/^Created rollback \S+$/).first()
  await expect(created).toBeVisible({ timeout: 30_000 })
  const rollbackId = ((await created.textContent()) ?? '').replace(/^Created rollback /, '')
  const counters = await finishedJob(rollbackId)
  expect(counters.numberOfSucceededThings).toBe(HEALTHY_DEVICES.length)
  const { job } = await adminIot.send(new DescribeJobCommand({ jobId: rollbackId }))
  expect(job?.targets?.map((arn) => arn.split('/').pop()).sort()).toEqual(
    [...HEALTHY_DEVICES].sort(),
  )
  for (const thingName of MONITORING_DEVICES)
    await expect.poll(() => reportedVersion(thingName)).toBe(MONITORING_START_VERSION)
})

test('cancel a queued execution, then force-cancel the job with a device mid-update', async ({
  page,
}) => {
  test.setTimeout(90_000)
  const [midUpdate = '', queued = '', other = ''] = await createOfflineThings('e2e-cancel', 3)
  const jobId = await createJobFor([midUpdate, queued, other], 'e2e-cancel')
  await startAsDevice(midUpdate)
  await signIn(page, await createUser('operator'), `/jobs/${jobId}`)
  await expect(breakdown(page)).toHaveAttribute('data-in-progress', '1')

  await page.getByRole('button', { name: `Cancel the execution on ${queued}` }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel', exact: true }).click()
  await expect.poll(() => executionStatus(jobId, queued)).toBe('CANCELED')
  await expect(breakdown(page)).toHaveAttribute('data-canceled', '1')

  await page.getByRole('button', { name: 'Force cancel' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('Devices mid-update are not stopped')
  await dialog.getByRole('button', { name: 'Force-cancel job' }).click()
  await expect.poll(() => executionStatus(jobId, midUpdate)).toBe('CANCELED')
  await expect.poll(() => executionStatus(jobId, other)).toBe('CANCELED')
  await expect(breakdown(page)).toHaveAttribute('data-canceled', '3', { timeout: 20_000 })
})

test('a plain cancel leaves in-progress devices to finish', async ({ page }) => {
  const [midUpdate = '', queued = ''] = await createOfflineThings('e2e-plain-cancel', 2)
  const jobId = await createJobFor([midUpdate, queued], 'e2e-plain-cancel')
  await startAsDevice(midUpdate)
  await signIn(page, await createUser('operator'), `/jobs/${jobId}`)
  await expect(breakdown(page)).toHaveAttribute('data-in-progress', '1')
  await page.getByRole('button', { name: 'Cancel job' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel job' }).click()
  await expect.poll(() => executionStatus(jobId, queued)).toBe('CANCELED')
  expect(await executionStatus(jobId, midUpdate)).toBe('IN_PROGRESS')
})

test('retry failed devices targets exactly them, and device-reported HTML stays text', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000)
  const [failing = '', succeeding = ''] = await createOfflineThings('e2e-retry', 2)
  const jobId = await createJobFor([failing, succeeding], 'e2e-retry')
  const markup = '<img src=x onerror="window.__injected=1"><b>boot loop</b>'
  await startAsDevice(failing)
  await finishAsDevice(failing, jobId, 'FAILED', { reason: markup })
  await startAsDevice(succeeding)
  await finishAsDevice(succeeding, jobId, 'SUCCEEDED', { step: 'done' })

  await signIn(page, await createUser('operator'), `/jobs/${jobId}`)
  const row = page.getByTestId('execution-row').filter({ hasText: failing })
  await expect(row.getByTestId('execution-details')).toContainText(markup)
  await expect(page.getByTestId('failure-reasons')).toContainText(markup)
  await expect(page.locator('main img[src="x"], main b')).toHaveCount(0)
  expect(await page.evaluate(() => '__injected' in window)).toBe(false)
  await capture(page, testInfo, 'job-detail-html-status-details')

  await page.getByRole('button', { name: 'Retry failed' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('A new job will run on 1 device')
  await dialog.getByRole('button', { name: 'Retry 1 device' }).click()
  const retryId = await createdJobId(page)
  const { job } = await adminIot.send(new DescribeJobCommand({ jobId: retryId }))
  expect(job?.targets).toEqual([`arn:aws:iot:us-east-1:000000000000:thing/${failing}`])
})

test('a viewer watches a job but has no action', async ({ page }) => {
  const [thing = ''] = await createOfflineThings('e2e-viewer-watch', 1)
  const jobId = await createJobFor([thing], 'e2e-viewer-watch')
  await signIn(page, await createUser('viewer'), `/jobs/${jobId}`)
  await expect(breakdown(page)).toHaveAttribute('data-queued', '1')
  await expect(page.getByTestId('execution-row')).toHaveCount(1)
  await expect(page.getByRole('button', { name: 'Cancel job' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /the execution on/ })).toHaveCount(0)
})
