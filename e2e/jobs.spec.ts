import {
  CreateJobCommand,
  IoTClient,
  ListJobExecutionsForThingCommand,
  ListJobsCommand,
} from '@aws-sdk/client-iot'
import { expect, test, type Page } from '@playwright/test'
import { capture } from './support/capture.ts'
import { E2E_CLOUD_ENDPOINT } from './support/e2e-stack.ts'
import {
  adminIot,
  configurationUploadedBy,
  createdJobId,
  finishedJob,
  groupMembers,
  reportedConfig,
  reviewFirmwareJob,
} from './support/jobs.ts'
import { credentialsOfSignedInUser } from './support/role-credentials.ts'
import { signIn } from './support/sign-in.ts'
import { createUser } from './support/users.ts'

/** Versions the fleet view shows for a group: its distribution table. */
async function groupVersions(page: Page, group: string): Promise<string[]> {
  await page.goto(`/fleet/groups/${group}`)
  const table = page.getByRole('table', { name: 'Devices by version' })
  await expect(table).toBeVisible()
  return table
    .getByRole('rowheader')
    .allTextContents()
    .then((texts) => texts.map((text) => text.trim()))
}

test.describe.configure({ mode: 'serial' })

test('an operator upgrades a group and the fleet view shows the new version', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000)
  await signIn(page, await createUser('operator'), '/jobs')
  await reviewFirmwareJob(
    page,
    '/jobs/new?group=canary-thermostat-v1&model=thermostat-v1&version=2.0.0',
  )
  const upgraded = page.getByRole('row', { name: /^Upgraded \d+/ })
  await expect(upgraded).toBeVisible()
  const upgradedCount = Number(await upgraded.getByRole('cell').nth(1).textContent())
  const preflightTotal = Number(
    /\((\d+)\)/.exec(
      (await page.getByRole('heading', { name: /^Preflight/ }).textContent()) ?? '',
    )?.[1],
  )
  expect(upgradedCount).toBeGreaterThan(0)
  expect(upgradedCount).toBe(preflightTotal)
  await capture(page, testInfo, 'job-wizard-review')
  // An impatient double click still makes one job.
  await page.getByRole('button', { name: 'Create job' }).dblclick()
  const jobId = await createdJobId(page)
  const { jobs } = await adminIot.send(
    new ListJobsCommand({ thingGroupName: 'canary-thermostat-v1' }),
  )
  expect(jobs?.map((job) => job.jobId)).toEqual([jobId])
  // The wizard hands over to the job's live page.
  await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}$`))

  const counters = await finishedJob(jobId)
  expect(counters.numberOfFailedThings).toBe(0)
  expect(counters.numberOfRejectedThings).toBe(0)
  await page.goto('/jobs')
  await expect(page.getByRole('row').filter({ hasText: jobId })).toContainText('2.0.0')
  await capture(page, testInfo, 'jobs-list')
  expect(await groupVersions(page, 'canary-thermostat-v1')).toEqual(['2.0.0'])
})

test('a downgrade without forcing is flagged, and the devices that still receive it reject it', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await signIn(page, await createUser('operator'), '/jobs')
  // The lock canaries run 3.0.0 and 3.1.0: going to 3.0.0 would downgrade some.
  await reviewFirmwareJob(page, '/jobs/new?group=canary-lock-v3&model=lock-v3&version=3.0.0')
  const accept = page.getByRole('checkbox', { name: /Send without forcing/ })
  await expect(accept).toBeVisible()
  const label = await page.getByText(/Send without forcing: \d+/).textContent()
  const downgrades = Number(/(\d+) devices? will reject/.exec(label ?? '')?.[1])
  expect(downgrades).toBeGreaterThan(0)
  await expect(
    page.getByText(/Devices REJECT a downgrade that is not forced/).first(),
  ).toBeVisible()

  await accept.check()
  await page.getByRole('button', { name: 'Create job' }).click()
  const counters = await finishedJob(await createdJobId(page))
  expect(counters.numberOfRejectedThings).toBe(downgrades)
})

test('a forced downgrade of a canary group needs the group typed, then the fleet runs it', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000)
  await signIn(page, await createUser('operator'), '/jobs')
  await page.goto('/jobs/new?group=canary-lamp-v2&model=lamp-v2&version=1.0.0')
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('checkbox', { name: /Force/ }).check()
  await page.getByRole('button', { name: 'Next' }).click()
  await page.getByRole('button', { name: 'Next' }).click()

  await expect(page.getByText('This job needs a typed confirmation')).toBeVisible()
  await page.getByRole('button', { name: 'Create job' }).click()
  await expect(page.getByLabel('Typed confirmation')).toHaveAttribute('aria-invalid', 'true')
  await page.getByLabel('Typed confirmation').fill('canary-lamp-v2')
  await capture(page, testInfo, 'job-wizard-forced-downgrade')
  await page.getByRole('button', { name: 'Create job' }).click()
  const counters = await finishedJob(await createdJobId(page))
  expect(counters.numberOfRejectedThings).toBe(0)
  expect(counters.numberOfFailedThings).toBe(0)
  expect(await groupVersions(page, 'canary-lamp-v2')).toEqual(['1.0.0'])
})

test('a device’s configuration is uploaded, viewed and propagated to a group', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000)
  await signIn(page, await createUser('operator'), '/configuration')
  const upload = page.getByRole('form', { name: "Upload a device's configuration" })
  await upload.getByLabel('Thing').fill('lamp-0042')
  await upload.getByRole('button', { name: 'Create upload job' }).click()
  const uploadJob = await createdJobId(page)
  expect((await finishedJob(uploadJob)).numberOfSucceededThings).toBe(1)

  await page.reload()
  const file = page.getByRole('link', { name: new RegExp(uploadJob) })
  await file.first().click()
  await expect(page.getByText('"brightness"').first()).toBeVisible()
  await capture(page, testInfo, 'configuration-view')

  const propagate = page.getByRole('form', { name: 'Propagate this configuration' })
  await propagate.getByLabel('Thing group name').fill('canary-lamp-v2')
  await propagate.getByRole('button', { name: 'Create download job' }).click()
  const downloadJob = await createdJobId(page)
  const counters = await finishedJob(downloadJob)
  const members = await groupMembers('canary-lamp-v2')
  expect(counters.numberOfSucceededThings).toBe(members.length)

  // Every device in the group now reports the configuration lamp-0042 uploaded.
  const uploaded = await configurationUploadedBy('lamp-0042', uploadJob)
  for (const thingName of members) expect(await reportedConfig(thingName)).toEqual(uploaded)
})

test('a job template saves the options, and a new job starts from it', async ({ page }) => {
  test.setTimeout(120_000)
  const templateId = `lamp-rollout-${Date.now()}`
  await signIn(page, await createUser('operator'), '/jobs')
  await reviewFirmwareJob(page, '/jobs/new?group=site-lyon&model=lamp-v2&version=1.2.0')
  await page.getByRole('button', { name: 'Save as template' }).click()
  const dialog = page.getByRole('dialog', { name: 'Save as job template' })
  await dialog.getByLabel('Template ID').fill(templateId)
  await dialog.getByLabel('Template description').fill('Lamps to 1.2.0, gently')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText(`Saved job template ${templateId}`)).toBeVisible()

  await page.goto('/jobs/new?thing=lamp-0077')
  await page.getByRole('button', { name: /Choose a template/ }).click()
  await page.getByRole('option', { name: new RegExp(templateId) }).click()
  await page.getByRole('button', { name: 'Apply template' }).click()
  for (let step = 0; step < 3; step++) await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByText('lamp-v2 1.2.0').first()).toBeVisible()
  await page.getByRole('button', { name: 'Create job' }).click()
  const counters = await finishedJob(await createdJobId(page))
  expect((counters.numberOfSucceededThings ?? 0) + (counters.numberOfRejectedThings ?? 0)).toBe(1)
})

test('a lost answer to CreateJob is retried with the same id, making one job', async ({ page }) => {
  test.setTimeout(120_000)
  await signIn(page, await createUser('operator'), '/jobs')
  await reviewFirmwareJob(page, '/jobs/new?thing=lamp-0099&model=lamp-v2&version=2.0.0')
  // The first CreateJob reaches the local cloud, but its answer is lost on the way back.
  let lost = 0
  await page.route(/\/jobs\/fleetdeck-[^/?]+$/, async (route) => {
    if (route.request().method() !== 'PUT' || lost > 0) return route.continue()
    lost++
    await route.fetch()
    await route.abort('connectionreset')
  })
  // The SDK retries the failed request (or the operator clicks again): same id.
  await page.getByRole('button', { name: 'Create job' }).click()
  const created = await createdJobId(page).catch(async () => {
    await page.getByRole('button', { name: 'Create job' }).click()
    return createdJobId(page)
  })
  const jobId = created
  expect(lost).toBe(1)
  const { executionSummaries } = await adminIot.send(
    new ListJobExecutionsForThingCommand({ thingName: 'lamp-0099' }),
  )
  expect(executionSummaries?.map((summary) => summary.jobId)).toEqual([jobId])
})

test('a viewer cannot create a job: no control, and the server refuses', async ({ page }) => {
  await signIn(page, await createUser('viewer'), '/jobs')
  await expect(page.getByRole('heading', { name: /^Jobs/ }).first()).toBeVisible()
  await expect(page.getByText('Create job')).toHaveCount(0)
  await page.goto('/jobs/new')
  await expect(page.getByRole('button', { name: 'Create job' })).toHaveCount(0)

  const iot = new IoTClient({
    region: 'us-east-1',
    endpoint: E2E_CLOUD_ENDPOINT,
    credentials: await credentialsOfSignedInUser(page),
  })
  await expect(
    iot.send(
      new CreateJobCommand({
        jobId: `viewer-${Date.now()}`,
        targets: ['arn:aws:iot:us-east-1:000000000000:thing/lamp-0001'],
        document: '{"operation":"config-upload","url":"https://example.com/x"}',
      }),
    ),
  ).rejects.toMatchObject({ name: 'AccessDeniedException' })
})
