import { expect, test } from '@playwright/test'
import { capture } from './support/capture.ts'
import { signIn } from './support/sign-in.ts'
import { createUser } from './support/users.ts'

test('dark mode is one click away and survives a reload', async ({ page }, testInfo) => {
  const user = await createUser('viewer')
  await signIn(page, user, '/fleet/groups')
  const body = page.locator('body')
  const isDark = async () =>
    (await body.getAttribute('class'))?.includes('awsui-dark-mode') ?? false
  const startedDark = await isDark()

  await page.getByRole('button', { name: /Switch to (dark|light) mode/ }).click()
  await expect.poll(isDark).toBe(!startedDark)
  await page.reload()
  await expect(page.getByRole('button', { name: new RegExp(user.username) })).toBeVisible()
  await expect.poll(isDark).toBe(!startedDark)
  await capture(page, testInfo, `groups-${startedDark ? 'light' : 'dark'}`)
})

test('breadcrumbs and navigation follow the page, and unknown pages say so', async ({ page }) => {
  const user = await createUser('viewer')
  await signIn(page, user, '/fleet/things/lamp-0002')
  const breadcrumbs = page.getByRole('navigation', { name: 'Breadcrumbs' })
  await expect(breadcrumbs).toContainText('Things')
  await expect(breadcrumbs).toContainText('lamp-0002')

  await breadcrumbs.getByRole('link', { name: 'Things' }).click()
  await expect(page).toHaveURL(/\/fleet$/)
  await expect(page.getByRole('heading', { name: 'Things', level: 1 })).toBeVisible()

  await page.goto('/no/such/page')
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
})
