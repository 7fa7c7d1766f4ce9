import { expect, test, type Page } from '@playwright/test'
import { capture } from './support/capture.ts'
import { signIn } from './support/sign-in.ts'
import { createUser } from './support/users.ts'

/** The count Cloudscape shows beside a table's title, e.g. "Things (200)". */
async function counterOf(page: Page, title: string): Promise<number> {
  const heading = page.getByRole('heading', { name: new RegExp(`^${title} \\(\\d+\\)$`) })
  await expect(heading).toBeVisible()
  return Number(/\((\d+)\)/.exec((await heading.textContent()) ?? '')?.[1])
}

test('an operator browses the fleet, a thing and a group’s version distribution', async ({
  page,
}, testInfo) => {
  const user = await createUser('operator')
  await signIn(page, user, '/fleet')

  // The demo fleet: 200 things from the fleet index, with versions and connectivity.
  expect(await counterOf(page, 'Things')).toBe(200)
  await expect(page.getByRole('link', { name: 'lamp-0001', exact: true })).toBeVisible()
  await capture(page, testInfo, 'fleet-things')

  // Search by version, kept in the URL.
  await page.getByLabel('Firmware version').fill('1.2.0')
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(page).toHaveURL(/[?&]version=1\.2\.0/)
  const withVersion = await counterOf(page, 'Things')
  expect(withVersion).toBeGreaterThan(0)
  expect(withVersion).toBeLessThan(200)
  const versionCells = page.getByRole('row').filter({ hasText: /^lamp|^thermo|^lock/ })
  for (const row of await versionCells.all()) await expect(row).toContainText('1.2.0')

  // A thing's page: details, shadow and job history.
  await page.goto('/fleet/things/lamp-0003')
  await expect(page.getByRole('heading', { name: 'lamp-0003', level: 1 })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Shadow' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Job history' })).toBeVisible()
  await expect(page.getByText('"model": "lamp-v2"')).toBeVisible()
  await capture(page, testInfo, 'fleet-thing')

  // Groups, static and dynamic, with member counts. (The side navigation's
  // links are app-shell.spec.ts's; Cloudscape may have it collapsed here.)
  await page.goto('/fleet/groups')
  const lampGroup = page.getByRole('row').filter({ hasText: 'model-lamp-v2' })
  await expect(lampGroup).toContainText('100')
  await expect(page.getByRole('row').filter({ hasText: 'firmware-1x' })).toContainText('Dynamic')
  await capture(page, testInfo, 'fleet-groups')

  // The group's version distribution adds up to its members, and each
  // version's count is what the fleet search finds for it.
  await lampGroup.getByRole('link', { name: 'model-lamp-v2' }).click()
  await expect(page.getByRole('heading', { name: 'model-lamp-v2', level: 1 })).toBeVisible()
  expect(await counterOf(page, 'Devices by version')).toBe(100)
  const versionRows = page
    .getByRole('table', { name: 'Devices by version' })
    .getByRole('row')
    .filter({ has: page.getByRole('link') })
  const rows = await versionRows.all()
  expect(rows.length).toBeGreaterThan(1)
  let total = 0
  for (const row of rows)
    total += Number((await row.getByRole('cell').first().textContent()) ?? NaN)
  expect(total).toBe(100)
  await capture(page, testInfo, 'fleet-group-distribution')

  const first = rows[0]!
  const version = (await first.getByRole('link').textContent()) ?? ''
  const count = Number((await first.getByRole('cell').first().textContent()) ?? NaN)
  await first.getByRole('link').click()
  await expect(page).toHaveURL(
    new RegExp(
      `group=model-lamp-v2.*version=${version.replace(/\./g, '\\.')}|version=${version.replace(/\./g, '\\.')}.*group=model-lamp-v2`,
    ),
  )
  expect(await counterOf(page, 'Things')).toBe(count)
})

test('a deep link opens a filtered search with its filters filled in', async ({ page }) => {
  const user = await createUser('viewer')
  await signIn(page, user, '/fleet?group=model-lock-v3&connectivity=connected')
  await expect(page.getByLabel('Thing group')).toHaveValue('model-lock-v3')
  expect(await counterOf(page, 'Things')).toBeLessThanOrEqual(40)
  await expect(page.getByRole('link', { name: /^lock-/ }).first()).toBeVisible()
  await expect(page.getByRole('link', { name: /^lamp-/ })).toHaveCount(0)
})

test('a bad search is refused at its field before anything is sent', async ({ page }) => {
  const user = await createUser('viewer')
  const searches: string[] = []
  page.on('request', (request) => {
    if (request.url().includes('/indices/search')) searches.push(request.url())
  })
  await signIn(page, user, '/fleet?attribute=no-equals-sign')
  await expect(
    page.getByText('Write the attribute as name=value', { exact: false }).first(),
  ).toBeVisible()
  await expect(page.getByRole('searchbox', { name: 'Attribute' })).toHaveAttribute(
    'aria-invalid',
    'true',
  )
  expect(searches).toEqual([])
})

test('the page of a long list survives opening a thing and coming back', async ({ page }) => {
  const user = await createUser('viewer')
  await signIn(page, user, '/fleet')
  await expect(page.getByRole('link', { name: 'lamp-0001', exact: true })).toBeVisible()

  await page.getByRole('button', { name: 'Next page' }).first().click()
  await expect(page).toHaveURL(/[?&]page=2/)
  const firstOnPage2 = page.getByRole('link', { name: /^lamp-00(5[1-9]|[6-9]\d)$/ }).first()
  await expect(firstOnPage2).toBeVisible()
  const name = (await firstOnPage2.textContent()) ?? ''

  await firstOnPage2.click()
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible()
  await page.goBack()
  await expect(page).toHaveURL(/[?&]page=2/)
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible()
  await expect(page.getByRole('link', { name: 'lamp-0001', exact: true })).toHaveCount(0)
})
