import { existsSync } from 'node:fs'
import { chromium, defineConfig, devices } from '@playwright/test'
import { E2E_DASHBOARD_URL } from './e2e/support/e2e-stack.ts'

/**
 * Which Chromium to drive. CHROMIUM_PATH wins. Otherwise Playwright's own
 * browser when it is installed (`npx playwright install chromium`), as on most
 * developer machines; otherwise the distribution's, which is what CI has:
 * Playwright cannot download browsers on a closed network.
 */
function chromiumExecutablePath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  if (existsSync(chromium.executablePath())) return undefined
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path))
}

const executablePath = chromiumExecutablePath()

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: process.env.CI ? 1 : undefined,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: E2E_DASHBOARD_URL,
    trace: 'retain-on-failure',
    // Every test's last page is kept with the report; the main pages are
    // also captured by name (e2e/support/capture.ts).
    screenshot: 'on',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          // Without these, Chromium keeps dialling Google services, which a
          // closed network refuses many times a second.
          args: [
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    // `npm run test:e2e` builds first; this is `npm start`'s stack (local
    // cloud, demo fleet, simulator, the build served as S3 would) on a fresh
    // data directory and ports of its own.
    command: 'npx tsx e2e/support/start-e2e-stack.ts',
    url: `${E2E_DASHBOARD_URL}/config.json`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
})
