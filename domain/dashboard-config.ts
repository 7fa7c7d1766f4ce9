import { z } from 'zod'

/**
 * What one deployment tells the dashboard, read from `config.json` beside
 * index.html so the same build serves any account. It lives in domain/
 * because `npm start` and the deployment write the file the app validates. The `endpoints` are set
 * for the local cloud and absent for AWS, where the SDKs find the regional
 * endpoints themselves.
 */
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/
// docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolType.html (Id pattern)
const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/
// docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html (IdentityPoolId pattern)
const IDENTITY_POOL_ID = /^[\w-]+:[0-9a-f-]+$/
// docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((url) => url.replace(/\/+$/, ''))

export const DashboardConfigSchema = z
  .object({
    region: z.string().regex(AWS_REGION, 'must be an AWS region such as us-east-1'),
    userPoolId: z
      .string()
      .regex(USER_POOL_ID, 'must be a user pool id such as us-east-1_Ab12Cd34E'),
    userPoolClientId: z
      .string()
      .regex(/^[\w+]{1,128}$/, 'must be the id of the user pool app client'),
    identityPoolId: z
      .string()
      .regex(IDENTITY_POOL_ID, 'must be an identity pool id such as us-east-1:<uuid>'),
    /** The account's IoT data endpoint (`DescribeEndpoint` iot:Data-ATS): shadows and MQTT over WebSocket. */
    iotDataEndpoint: httpUrl,
    firmwareBucket: z.string().regex(BUCKET_NAME, 'must be an S3 bucket name'),
    configBucket: z.string().regex(BUCKET_NAME, 'must be an S3 bucket name'),
    /** Jobs reaching more devices than this need the target's name typed to confirm (default 50). */
    jobConfirmationThreshold: z
      .number()
      .int('must be a whole number of devices')
      .positive('must be a positive number of devices')
      .optional(),
    /**
     * Only on AWS: the function URL the dashboard calls once per sign-in so
     * that the IoT policy its MQTT connection needs is attached to the
     * user's Cognito identity (docs/deploy.md). The local cloud needs none.
     */
    attachIotPolicyUrl: httpUrl.optional(),
    /** Only for the local cloud: where Cognito, IoT and S3 answer instead of AWS's endpoints. */
    endpoints: z
      .object({ cognito: httpUrl, iot: httpUrl, s3: httpUrl })
      .partial()
      .strict()
      .optional(),
  })
  .strict()
  .refine((config) => config.userPoolId.startsWith(`${config.region}_`), {
    path: ['userPoolId'],
    message: 'must be a user pool of the configured region',
  })
  .refine((config) => config.identityPoolId.startsWith(`${config.region}:`), {
    path: ['identityPoolId'],
    message: 'must be an identity pool of the configured region',
  })

export type DashboardConfig = z.output<typeof DashboardConfigSchema>
