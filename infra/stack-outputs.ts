/**
 * The stack's outputs by name: the CDK app writes them, `npm run deploy`
 * reads them back (cdk deploy --outputs-file) to write config.json, upload
 * the build and invalidate the distribution.
 */
export const STACK_OUTPUTS = {
  appUrl: 'AppUrl',
  appBucket: 'AppBucketName',
  distributionId: 'DistributionId',
  region: 'Region',
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
  identityPoolId: 'IdentityPoolId',
  iotDataEndpoint: 'IotDataEndpoint',
  firmwareBucket: 'FirmwareBucketName',
  configBucket: 'ConfigBucketName',
  attachIotPolicyUrl: 'AttachIotPolicyUrl',
} as const

export type StackOutputKey = keyof typeof STACK_OUTPUTS

/** The CloudFormation stack `npm run deploy` creates and updates. */
export const STACK_NAME = 'Fleetdeck'
