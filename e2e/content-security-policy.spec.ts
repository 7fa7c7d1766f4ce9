import { expect, test, type Page } from '@playwright/test'
import { contentSecurityPolicy } from '../infra/hosting/content-security-policy.ts'
import { CHROMIUM_ARGS, chromiumExecutablePath } from './support/chromium.ts'
import { E2E_CLOUD_ENDPOINT, E2E_DASHBOARD_URL } from './support/e2e-stack.ts'
import { signIn } from './support/sign-in.ts'
import { createUser } from './support/users.ts'

/**
 * The Content-Security-Policy CloudFront sends in production
 * (infra/hosting/content-security-policy.ts), applied to the build under
 * test: the same script, style, image and font rules, with connect-src
 * naming the local cloud instead of AWS's endpoints (and no
 * upgrade-insecure-requests, as the local cloud speaks plain HTTP). A page
 * that needs an inline style or script, or calls an address the policy
 * does not name, would break in production; here it fails the test.
 */
const cloud = new URL(E2E_CLOUD_ENDPOINT)
const CSP = contentSecurityPolicy([E2E_CLOUD_ENDPOINT, `ws://${cloud.host}`], {
  upgradeInsecureRequests: false,
})

/**
 * A document fulfilled by page.route has no network address, so Chromium's
 * Local Network Access rules count it as public and refuse its calls to the
 * loopback local cloud. Production pages come from a public origin and call
 * public AWS endpoints, so those rules have no part in what is tested here.
 */
const executablePath = chromiumExecutablePath()
test.use({
  launchOptions: {
    ...(executablePath === undefined ? {} : { executablePath }),
    args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'],
  },
})

/**
 * Serves the dashboard's pages with the policy, and collects every
 * violation the browser reports, across navigations.
 */
async function withProductionPolicy(page: Page): Promise<string[]> {
  const violations: string[] = []
  await page.exposeFunction('reportCspViolation', (violation: string) => {
    violations.push(violation)
  })
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void })
        .reportCspViolation
      report(
        `${event.violatedDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
      )
    })
  })
  await page.route(
    (url) => url.origin === E2E_DASHBOARD_URL,
    async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue()
      const response = await route.fetch()
      await route.fulfill({
        response,
        headers: { ...response.headers(), 'content-security-policy': CSP },
      })
    },
  )
  return violations
}

test('the dashboard runs under the production Content-Security-Policy', async ({ page }) => {
  test.setTimeout(90_000)
  const violations = await withProductionPolicy(page)
  await signIn(page, await createUser('operator'), '/fleet')
  await expect(page.getByRole('link', { name: 'lamp-0001', exact: true })).toBeVisible()

  // Each section once: the IoT control plane, the data endpoint (shadows),
  // S3 (the catalog) and the wizard's forms; MQTT runs throughout.
  await page.goto('/fleet/things/lamp-0003')
  await expect(page.getByText('"model": "lamp-v2"')).toBeVisible()
  await page.goto('/firmware')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.goto('/jobs')
  await expect(page.getByRole('heading', { name: /^Jobs/ }).first()).toBeVisible()
  const response = await page.goto('/jobs/new')
  await expect(page.getByRole('heading', { name: 'Create firmware job' })).toBeVisible()
  expect(response?.headers()['content-security-policy']).toBe(CSP)

  expect(violations).toEqual([])
})
