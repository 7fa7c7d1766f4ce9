import type { Page, TestInfo } from '@playwright/test'

/**
 * A full-page screenshot of a main page, attached to the report and kept
 * under test-results/screenshots/ by name for reviewers.
 */
export async function capture(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = `test-results/screenshots/${name}.png`
  await page.screenshot({ path, fullPage: true })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}
