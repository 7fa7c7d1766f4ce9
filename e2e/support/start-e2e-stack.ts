import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { E2E_CLOUD_PORT, E2E_DASHBOARD_PORT, E2E_TOKEN_LIFETIME_SECONDS } from './e2e-stack.ts'

/**
 * Playwright's web server: `npm start`'s own script on a fresh data
 * directory (every run seeds from nothing), the e2e ports, and short-lived
 * tokens. MQTT listeners take free ports.
 */
const dataDir = join(tmpdir(), `fleetdeck-e2e-${E2E_CLOUD_PORT}`)
rmSync(dataDir, { recursive: true, force: true })
Object.assign(process.env, {
  FLEETDECK_DATA_DIR: dataDir,
  FLEETDECK_PORT: String(E2E_CLOUD_PORT),
  FLEETDECK_DASHBOARD_PORT: String(E2E_DASHBOARD_PORT),
  FLEETDECK_MQTT_PORT: '0',
  FLEETDECK_MQTTS_PORT: '0',
  FLEETDECK_TOKEN_LIFETIME_SECONDS: String(E2E_TOKEN_LIFETIME_SECONDS),
})
await import('../../scripts/start.ts')
