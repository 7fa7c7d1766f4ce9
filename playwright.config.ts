import { existsSync } from 'node:fs'
import { defineConfig, devices } from '@playwright/test'

const previewPort = Number(process.env.FLEETDECK_E2E_PORT ?? 4173)

/**
 * Playwright cannot download its own browser on machines without internet
 * access (our CI among them), so we use the distribution's Chromium when there
 * is one. On a developer machine with Playwright's browsers installed and no
 * system Chromium, the bundled browser is used.
 */
function chromiumExecutablePath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']
  return candidates.find((path): path is string => Boolean(path) && existsSync(path as string))
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
