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
