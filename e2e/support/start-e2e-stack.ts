import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { E2E_CLOUD_PORT, E2E_DASHBOARD_PORT, E2E_TOKEN_LIFETIME_SECONDS } from './e2e-stack.ts'
import { assertMonitoringDevicesMatchDemoFleet, SIMULATOR_FAULTS } from './fault-injection.ts'

/**
 * Playwright's web server: `npm start`'s own script on a fresh data
 * directory (every run seeds from nothing), the e2e ports, short-lived
 * tokens, and the simulator's injected faults (fault-injection.ts). MQTT
 * listeners take free ports.
 */
const dataDir = join(tmpdir(), `fleetdeck-e2e-${E2E_CLOUD_PORT}`)
rmSync(dataDir, { recursive: true, force: true })
assertMonitoringDevicesMatchDemoFleet()
mkdirSync(dataDir, { recursive: true })
const faultsFile = join(dataDir, 'simulator-faults.json')
writeFileSync(faultsFile, JSON.stringify(SIMULATOR_FAULTS, null, 2))
Object.assign(process.env, {
  FLEETDECK_DATA_DIR: dataDir,
  FLEETDECK_PORT: String(E2E_CLOUD_PORT),
  FLEETDECK_DASHBOARD_PORT: String(E2E_DASHBOARD_PORT),
  FLEETDECK_MQTT_PORT: '0',
  FLEETDECK_MQTTS_PORT: '0',
  FLEETDECK_TOKEN_LIFETIME_SECONDS: String(E2E_TOKEN_LIFETIME_SECONDS),
  FLEETDECK_SIMULATOR_FAULTS: faultsFile,
})
await import('../../scripts/start.ts')
