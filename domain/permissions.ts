import { globMatches } from './glob.ts'

/**
 * What each Fleetdeck role may do, written once as IAM-style statements. The
 * local cloud enforces them at its edge for every service, and the CDK app
 * (infra/iam/iam-statements.ts) turns the same data into the IAM policies of
 * the deployed roles, so that what a viewer is refused locally is what AWS
 * refuses in production.
 *
 * Actions are named one by one, never `iot:List*`: a wildcard would also
 * grant every action AWS adds later. Resources may name `{firmwareBucket}`
 * and `{configBucket}`; `*` matches any run of characters and `?` any one
 * character, as in IAM. An IoT API action's `*` means "any resource of the
 * account" (the local cloud checks `arn:aws:iot:<region>:<account>:*`); the
 * CDK app narrows it to the resource types IAM knows for that action.
 */
export type FleetdeckRole = 'operator' | 'viewer' | 'iotPresigner'

export interface PermissionStatement {
  readonly actions: readonly string[]
  readonly resources: readonly string[]
}

export interface BucketNames {
  readonly firmwareBucket: string
  readonly configBucket: string
}

/** The IAM role names the deployment creates and the local cloud recognises in role ARNs. */
export const ROLE_NAMES: Readonly<Record<FleetdeckRole, string>> = {
  operator: 'fleetdeck-operator',
  viewer: 'fleetdeck-viewer',
  iotPresigner: 'fleetdeck-iot-presigner',
}

/**
 * The Cognito groups whose members get each role: the identity pool picks the
 * role from the ID token's groups, and the dashboard shows it.
 */
export const ROLE_GROUPS: Readonly<Record<'operator' | 'viewer', string>> = {
  operator: 'operator',
  viewer: 'viewer',
}

/** MQTT client ids the dashboard may connect with (followed by a random suffix). */
export const DASHBOARD_CLIENT_ID_PREFIX = 'fleetdeck-dashboard-'

/**
 * The thing groups the dashboard creates for its jobs, named
 * `fleetdeck-<jobId>`: a dynamic group for a job that targets a fleet-index
 * query, a static group for a job that targets more devices than CreateJob's
 * 100 targets. The deployed operator role may create, fill and delete
 * groups with this prefix only (infra/iam/iot-resource-types.ts).
 */
export const DASHBOARD_THING_GROUP_PREFIX = 'fleetdeck-'

/**
 * AWS IoT authorizes a signed-in (authenticated) Cognito identity's MQTT
 * connection only when an IoT policy is attached to that identity as well as
 * its IAM role allowing it; the effective permission is the intersection.
 * https://docs.aws.amazon.com/iot/latest/developerguide/cognito-identities.html
 * The deployment creates this IoT policy, and a function the dashboard calls
 * once per sign-in attaches it to the caller's own identity (docs/deploy.md).
 */
export const DASHBOARD_IOT_POLICY_NAME = 'fleetdeck-dashboard-events'
export const ATTACH_IOT_POLICY_FUNCTION_NAME = 'fleetdeck-attach-iot-policy'

const bucketObjects = ['arn:aws:s3:::{firmwareBucket}/*', 'arn:aws:s3:::{configBucket}/*']
const buckets = ['arn:aws:s3:::{firmwareBucket}', 'arn:aws:s3:::{configBucket}']

/** Reading the fleet, jobs and catalog, and listening to job events. */
const readFleet: readonly PermissionStatement[] = [
  {
    actions: [
      'iot:DescribeJob',
      'iot:DescribeJobExecution',
      'iot:DescribeJobTemplate',
      'iot:DescribeThing',
      'iot:DescribeThingGroup',
      'iot:GetJobDocument',
      'iot:GetThingShadow',
      'iot:ListJobs',
      'iot:ListJobExecutionsForJob',
      'iot:ListJobExecutionsForThing',
      'iot:ListJobTemplates',
      'iot:ListTagsForResource',
      'iot:ListThingGroups',
      'iot:ListThingTypes',
      'iot:ListThings',
      'iot:SearchIndex',
      'iot:GetStatistics',
      'iot:GetBucketsAggregation',
      'iot:GetCardinality',
      'iot:GetPercentiles',
      'iot:GetIndexingConfiguration',
    ],
    resources: ['*'],
  },
  // Browsers connect under their own client ids only, never a device's: a
  // second connection with a thing's client id would knock the device off.
  {
    actions: ['iot:Connect'],
    resources: [`arn:aws:iot:*:*:client/${DASHBOARD_CLIENT_ID_PREFIX}*`],
  },
  {
    actions: ['iot:Subscribe'],
    resources: [
      'arn:aws:iot:*:*:topicfilter/$aws/events/*',
      'arn:aws:iot:*:*:topicfilter/$aws/things/*/shadow/*',
    ],
  },
  {
    actions: ['iot:Receive'],
    resources: [
      'arn:aws:iot:*:*:topic/$aws/events/*',
      'arn:aws:iot:*:*:topic/$aws/things/*/shadow/*',
    ],
  },
  { actions: ['s3:GetObject'], resources: bucketObjects },
  { actions: ['s3:ListBucket', 's3:GetBucketCors'], resources: buckets },
  // Function URLs created since October 2025 need both actions.
  // https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
  {
    actions: ['lambda:InvokeFunctionUrl', 'lambda:InvokeFunction'],
    resources: [`arn:aws:lambda:*:*:function:${ATTACH_IOT_POLICY_FUNCTION_NAME}`],
  },
]

export const ROLE_PERMISSIONS: Readonly<Record<FleetdeckRole, readonly PermissionStatement[]>> = {
  viewer: readFleet,
  // What the dashboard's operator features need and no more: no deletion of
  // jobs, things or firmware, no groups but the dynamic ones it made itself,
  // no registry or policy changes.
  operator: [
    ...readFleet,
    {
      actions: [
        'iot:CreateJob',
        'iot:UpdateJob',
        'iot:CancelJob',
        'iot:CancelJobExecution',
        'iot:AssociateTargetsWithJob',
        'iot:CreateJobTemplate',
        // A job runs on a group the dashboard creates when it targets a
        // fleet-index query (dynamic; deleted again when AWS refuses the job)
        // or a long list of devices (static); the deployed role limits these
        // to DASHBOARD_THING_GROUP_PREFIX names.
        'iot:CreateDynamicThingGroup',
        'iot:DeleteDynamicThingGroup',
        'iot:CreateThingGroup',
        'iot:AddThingToThingGroup',
        // Tags given to CreateJob (the wizard's, and the created-by tag): IAM
        // may authorize tags on creation as iot:TagResource too.
        'iot:TagResource',
      ],
      resources: ['*'],
    },
    {
      actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      resources: bucketObjects,
    },
    // Jobs sign firmware URLs with this role, and with no other.
    { actions: ['iam:PassRole'], resources: [`arn:aws:iam::*:role/${ROLE_NAMES.iotPresigner}`] },
  ],
  // The role AWS IoT assumes to pre-sign `${aws:iot:s3-presigned-url:…}` URLs:
  // firmware images, and the configuration files config-download jobs fetch.
  iotPresigner: [{ actions: ['s3:GetObject'], resources: bucketObjects }],
}

/**
 * IAM's wildcards, `*` and `?`, matched in linear time (domain/glob.ts): no
 * backtracking RegExp for a caller-chosen resource name to blow up.
 */
const matchesGlob = (pattern: string, value: string, ignoreCase: boolean): boolean =>
  globMatches(pattern, value, { ignoreCase })

/** The role's statements with the deployment's bucket names filled in. */
export function permissionsOf(
  role: FleetdeckRole,
  names: BucketNames,
): readonly PermissionStatement[] {
  const fill = (resource: string) =>
    resource
      .replaceAll('{firmwareBucket}', names.firmwareBucket)
      .replaceAll('{configBucket}', names.configBucket)
  return ROLE_PERMISSIONS[role].map((statement) => ({
    actions: statement.actions,
    resources: statement.resources.map(fill),
  }))
}

/** IAM's evaluation for Allow-only policies: some statement names both the action and the resource. */
export function isAllowed(
  statements: readonly PermissionStatement[],
  action: string,
  resource: string,
): boolean {
  return statements.some(
    (statement) =>
      // IAM compares actions without regard to case, resources with it.
      statement.actions.some((pattern) => matchesGlob(pattern, action, true)) &&
      statement.resources.some((pattern) => matchesGlob(pattern, resource, false)),
  )
}

/** The role a role ARN names, when it is one of Fleetdeck's. */
export function fleetdeckRoleOf(roleArn: string): FleetdeckRole | undefined {
  const name = /^arn:aws:iam::\d{12}:role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn)?.[1]
  return (Object.keys(ROLE_NAMES) as FleetdeckRole[]).find((role) => ROLE_NAMES[role] === name)
}
