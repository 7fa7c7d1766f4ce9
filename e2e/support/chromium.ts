import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

/**
 * Which Chromium to drive. CHROMIUM_PATH wins. Otherwise Playwright's own
 * browser when it is installed (`npx playwright install chromium`), as on most
 * developer machines; otherwise the distribution's, which is what CI has:
 * Playwright cannot download browsers on a closed network.
 * Shared by playwright.config.ts and bench/dashboard.
 */
export function chromiumExecutablePath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  if (existsSync(chromium.executablePath())) return undefined
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path))
}

/**
 * Without these, Chromium keeps dialling Google services, which a closed
 * network refuses many times a second.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
