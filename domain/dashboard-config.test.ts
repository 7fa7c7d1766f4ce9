import { describe, expect, it } from 'vitest'
import { DashboardConfigSchema } from './dashboard-config.ts'

const valid = {
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_Ab3dE6gH9',
  userPoolClientId: '1example23456789',
  identityPoolId: 'eu-west-1:0f3c6a4e-5b7d-4c2a-9e1f-2a3b4c5d6e7f',
  iotDataEndpoint: 'https://a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com/',
  firmwareBucket: 'acme-fleetdeck-firmware',
  configBucket: 'acme-fleetdeck-config',
}

const problems = (input: unknown) =>
  DashboardConfigSchema.safeParse(input).error?.issues.map((issue) => issue.path.join('.')) ?? []

describe('DashboardConfigSchema', () => {
  it('accepts an AWS deployment without endpoint overrides and trims trailing slashes', () => {
    const config = DashboardConfigSchema.parse(valid)
    expect(config.iotDataEndpoint).toBe('https://a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com')
    expect(config.endpoints).toBeUndefined()
  })

  it('names every missing or malformed field at once', () => {
    expect(problems({ ...valid, userPoolId: undefined, firmwareBucket: 'Not_A_Bucket' })).toEqual([
      'userPoolId',
      'firmwareBucket',
    ])
  })

  it('refuses pools of another region, unknown keys and non-http endpoints', () => {
    expect(
      problems({
        ...valid,
        identityPoolId: valid.identityPoolId.replace('eu-west-1', 'us-east-1'),
      }),
    ).toEqual(['identityPoolId'])
    expect(problems({ ...valid, userPoolClientSecret: 'x' })).toEqual([''])
    expect(problems({ ...valid, endpoints: { iot: 'ftp://example.com' } })).toEqual([
      'endpoints.iot',
    ])
  })

  it('takes the deployment’s IoT policy attachment URL, an https URL', () => {
    const config = DashboardConfigSchema.parse({
      ...valid,
      attachIotPolicyUrl: 'https://abc123.lambda-url.eu-west-1.on.aws/',
    })
    expect(config.attachIotPolicyUrl).toBe('https://abc123.lambda-url.eu-west-1.on.aws')
    expect(problems({ ...valid, attachIotPolicyUrl: 'not a url' })).toEqual(['attachIotPolicyUrl'])
  })

  it('takes an optional typed-confirmation threshold of whole devices', () => {
    expect(problems({ ...valid, jobConfirmationThreshold: 20 })).toEqual([])
    expect(problems({ ...valid, jobConfirmationThreshold: 0 })).toEqual([
      'jobConfirmationThreshold',
    ])
    expect(problems({ ...valid, jobConfirmationThreshold: 2.5 })).toEqual([
      'jobConfirmationThreshold',
    ])
  })
})
