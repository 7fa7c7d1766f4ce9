import { describe, expect, it } from 'vitest'
import { dashboardConfigFromOutputs, requiredOutputs } from './dashboard-config-from-outputs.ts'

const outputs = {
  AppUrl: 'https://d111111abcdef8.cloudfront.net',
  AppBucketName: 'fleetdeck-apphostingsite-1a2b3c',
  DistributionId: 'E2EXAMPLE12345',
  Region: 'eu-west-1',
  UserPoolId: 'eu-west-1_Ab12Cd34E',
  UserPoolClientId: '1example23456789abcdefghij',
  IdentityPoolId: 'eu-west-1:0f3c6a4e-5b7d-4c2a-9e1f-2a3b4c5d6e7f',
  IotDataEndpoint: 'https://a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com',
  FirmwareBucketName: 'fleetdeck-firmware-123456789012-eu-west-1',
  ConfigBucketName: 'fleetdeck-config-123456789012-eu-west-1',
  AttachIotPolicyUrl: 'https://abc123.lambda-url.eu-west-1.on.aws/',
}

describe('dashboardConfigFromOutputs', () => {
  it('makes config.json of the stack outputs, as the app validates it', () => {
    expect(dashboardConfigFromOutputs(outputs)).toEqual({
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_Ab12Cd34E',
      userPoolClientId: '1example23456789abcdefghij',
      identityPoolId: 'eu-west-1:0f3c6a4e-5b7d-4c2a-9e1f-2a3b4c5d6e7f',
      iotDataEndpoint: 'https://a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com',
      firmwareBucket: 'fleetdeck-firmware-123456789012-eu-west-1',
      configBucket: 'fleetdeck-config-123456789012-eu-west-1',
      attachIotPolicyUrl: 'https://abc123.lambda-url.eu-west-1.on.aws',
    })
  })

  it('names every output the stack did not report', () => {
    const { UserPoolId: _pool, IotDataEndpoint: _endpoint, ...partial } = outputs
    expect(() => dashboardConfigFromOutputs(partial)).toThrow(
      'The stack outputs lack UserPoolId, IotDataEndpoint',
    )
  })

  it('refuses outputs the app would refuse', () => {
    expect(() =>
      dashboardConfigFromOutputs({ ...outputs, UserPoolId: 'us-east-1_Ab12Cd34E' }),
    ).toThrow(/userPoolId: must be a user pool of the configured region/)
  })
})

describe('requiredOutputs', () => {
  it('reads the outputs the deploy itself needs', () => {
    expect(requiredOutputs(outputs, ['appBucket', 'distributionId'])).toEqual({
      appBucket: 'fleetdeck-apphostingsite-1a2b3c',
      distributionId: 'E2EXAMPLE12345',
    })
  })
})
