import { expect, test } from '@playwright/test'

test('the built app loads in Chromium without errors', async ({ page }) => {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`))
  page.on('requestfailed', (request) => problems.push(`request: ${request.url()}`))
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`)
  })

  await page.goto('/')

  await expect(page).toHaveTitle('Fleetdeck')
  await expect(page.getByRole('heading', { level: 1, name: 'Fleetdeck' })).toBeVisible()
  await expect(page.getByRole('banner')).toContainText('Fleetdeck')
  expect(problems).toEqual([])
})
