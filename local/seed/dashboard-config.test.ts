import { describe, expect, it } from 'vitest'
import { DashboardConfigSchema } from '../../domain/dashboard-config.ts'
import { localDashboardConfig } from './dashboard-config.ts'

const seed = {
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:4566',
  userPoolId: 'us-east-1_Ab3dE6gH9',
  userPoolClientId: 'abcdefghijklmnopqrstuvwxyz',
  identityPoolId: 'us-east-1:0f3c6a4e-5b7d-4c2a-9e1f-2a3b4c5d6e7f',
  firmwareBucket: 'fleetdeck-firmware',
  configBucket: 'fleetdeck-config',
  users: [],
}

describe('localDashboardConfig', () => {
  it('points every AWS endpoint at the local cloud and passes the dashboard schema', () => {
    const config = localDashboardConfig(seed)
    expect(config.endpoints).toEqual({
      cognito: seed.endpoint,
      iot: seed.endpoint,
      s3: seed.endpoint,
    })
    expect(config.iotDataEndpoint).toBe(seed.endpoint)
    expect(DashboardConfigSchema.parse(JSON.parse(JSON.stringify(config)))).toEqual(config)
  })

  it('refuses a seed the dashboard could not use', () => {
    expect(() => localDashboardConfig({ ...seed, userPoolId: 'eu-west-1_Ab3dE6gH9' })).toThrow(
      /user pool of the configured region/,
    )
  })
})
