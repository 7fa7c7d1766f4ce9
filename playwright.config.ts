import { existsSync } from 'node:fs'
import { chromium, defineConfig, devices } from '@playwright/test'

const previewPort = Number(process.env.FLEETDECK_E2E_PORT ?? 4173)

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
    baseURL: `http://127.0.0.1:${previewPort}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
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
    // `npm run test:e2e` builds first; this serves that build as S3 would.
    command: `npx vite preview --host 127.0.0.1 --port ${previewPort} --strictPort`,
    url: `http://127.0.0.1:${previewPort}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
})
