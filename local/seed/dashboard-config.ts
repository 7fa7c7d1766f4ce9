import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DashboardConfigSchema, type DashboardConfig } from '../../domain/dashboard-config.ts'
import type { DemoSeed } from './demo-seed.ts'

/**
 * The `config.json` that points the dashboard at this local cloud: every
 * AWS endpoint is the edge, and the IoT data endpoint (shadows, MQTT over
 * WebSocket at `/mqtt`) is the edge too. Parsed with the dashboard's own
 * schema, so `npm start` can never serve a file the app would refuse.
 */
export function localDashboardConfig(seed: DemoSeed): DashboardConfig {
  return DashboardConfigSchema.parse({
    region: seed.region,
    userPoolId: seed.userPoolId,
    userPoolClientId: seed.userPoolClientId,
    identityPoolId: seed.identityPoolId,
    iotDataEndpoint: seed.endpoint,
    firmwareBucket: seed.firmwareBucket,
    configBucket: seed.configBucket,
    endpoints: { cognito: seed.endpoint, iot: seed.endpoint, s3: seed.endpoint },
  })
}

/** Where the seed leaves the dashboard's config for `npm run dev` (vite.config.ts serves it). */
export const DASHBOARD_CONFIG_FILE = 'dashboard-config.json'

/** Writes the local `config.json` into the data directory and returns its JSON text. */
export async function writeLocalDashboardConfig(seed: DemoSeed, dataDir: string): Promise<string> {
  const text = `${JSON.stringify(localDashboardConfig(seed), null, 2)}\n`
  await writeFile(join(dataDir, DASHBOARD_CONFIG_FILE), text)
  return text
}
