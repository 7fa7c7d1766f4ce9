/**
 * Where the end-to-end stack listens: the `npm start` stack (local cloud,
 * demo fleet, simulator, built dashboard) on ports of its own, so it never
 * meets a developer's running `npm start`. Shared by playwright.config.ts
 * and the specs.
 */
export const E2E_CLOUD_PORT = Number(process.env.FLEETDECK_E2E_CLOUD_PORT ?? 4610)
export const E2E_DASHBOARD_PORT = Number(process.env.FLEETDECK_E2E_PORT ?? 4180)
export const E2E_CLOUD_ENDPOINT = `http://127.0.0.1:${E2E_CLOUD_PORT}`
export const E2E_DASHBOARD_URL = `http://127.0.0.1:${E2E_DASHBOARD_PORT}`

/**
 * ID and access tokens and identity-pool credentials last this long in the
 * e2e stack (a local-cloud test knob; AWS's minimum is 5 minutes), so every
 * spec lives through session refreshes and one spec watches them happen.
 */
export const E2E_TOKEN_LIFETIME_SECONDS = 30
