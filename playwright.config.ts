import { defineConfig, devices } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutablePath } from './e2e/support/chromium.ts'
import { E2E_DASHBOARD_URL } from './e2e/support/e2e-stack.ts'

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
          args: [...CHROMIUM_ARGS],
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
