import { expect, test, type Page, type Route } from '@playwright/test'
import { capture } from './support/capture.ts'
import { E2E_CLOUD_ENDPOINT } from './support/e2e-stack.ts'
import { signIn } from './support/sign-in.ts'
import { createUser } from './support/users.ts'

/**
 * AWS has answered some IoT control-plane operations without CORS headers
 * (docs/deploy.md, "CORS refusals"). The browser then blocks the answer and
 * the SDK sees only "Failed to fetch", as on a dropped connection. Here the
 * local cloud's ListJobs answers lose their Access-Control-Allow-Origin, as
 * AWS's would, and the operator must read which call was refused and what
 * to do, not "check the network"; a real network failure must still read
 * as one.
 */
const isListJobs = (url: URL) => url.origin === E2E_CLOUD_ENDPOINT && url.pathname === '/jobs'

/**
 * ListJobs answers the page may not read. Playwright's route.fulfill adds
 * an Access-Control-Allow-Origin when the answer has none (so mocks just
 * work), so the answer names another origin instead: the browser refuses it
 * exactly as it refuses an answer without the header.
 */
async function withoutCors(route: Route): Promise<void> {
  // Preflights pass: AWS answers them; it is the answer itself that is refused.
  if (route.request().method() === 'OPTIONS') return route.continue()
  const response = await route.fetch()
  const headers = Object.fromEntries(
    Object.entries(response.headers()).filter(
      ([name]) => name.toLowerCase() !== 'access-control-allow-origin',
    ),
  )
  await route.fulfill({
    response,
    headers: { ...headers, 'access-control-allow-origin': 'https://not-this-dashboard.example' },
  })
}

async function openJobsAs(page: Page): Promise<void> {
  await signIn(page, await createUser('viewer'), '/jobs')
}

test('a ListJobs answer without CORS headers is reported as a CORS refusal of ListJobs', async ({
  page,
}, testInfo) => {
  await page.route(isListJobs, withoutCors)
  await openJobsAs(page)
  // The SDK retries "Failed to fetch" before giving up, probing each time.
  const message = page.getByText(/AWS answered ListJobs/).first()
  await expect(message).toBeVisible({ timeout: 30_000 })
  await expect(message).toContainText(`(${E2E_CLOUD_ENDPOINT}/jobs)`)
  await expect(message).toContainText('CORS')
  await expect(message).toContainText('aws iot list-jobs')
  await expect(message).toContainText('“CORS refusals”')
  await expect(page.getByText(/could not be reached/)).toHaveCount(0)
  await capture(page, testInfo, 'cors-refusal')
})

test('a ListJobs call that reaches nobody is still reported as a network failure', async ({
  page,
}) => {
  await page.route(isListJobs, (route) =>
    route.request().method() === 'OPTIONS' ? route.continue() : route.abort('connectionrefused'),
  )
  await openJobsAs(page)
  const message = page.getByText(/Could not load the jobs: AWS could not be reached/).first()
  await expect(message).toBeVisible({ timeout: 30_000 })
  await expect(message).toContainText('127.0.0.1')
  await expect(page.getByText(/AWS answered ListJobs/)).toHaveCount(0)
})
