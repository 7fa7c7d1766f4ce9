import { randomBytes } from 'node:crypto'
import {
  FIRMWARE_MODEL_INDEX_FIELD,
  FIRMWARE_VERSION_INDEX_FIELD,
} from '../../domain/fleet-index-custom-fields.ts'
import { ROLE_GROUPS } from '../../domain/permissions.ts'
import type { LocalCloud } from '../cloud.ts'
import { BUCKET_NAMES, REGION } from '../config.ts'
import { EventConfigurations } from '../iot/events/event-configurations.ts'
import { DEFAULT_INDEXING_CONFIGURATION } from '../iot/fleet-index/indexing-configuration.ts'
import type { CorsRule } from '../s3/cors.ts'

/**
 * The demo world `npm start` and `npm run local -- --seed` create: a user
 * pool with an app client for the dashboard, the operator and viewer groups
 * mapped to their roles, one demo user in each, an identity pool, and the
 * firmware and config buckets with CORS for the dashboard's origins, job
 * events switched on, and fleet indexing of the registry, shadows (the
 * classic one and `$package`) and connectivity for the fleet view. Every
 * step finds what an earlier run made, so ids stay the same across restarts
 * and the dashboard's config stays valid.
 */
export interface DemoSeed {
  readonly region: string
  readonly endpoint: string
  readonly userPoolId: string
  readonly userPoolClientId: string
  readonly identityPoolId: string
  readonly firmwareBucket: string
  readonly configBucket: string
  readonly users: readonly { username: string; password: string; role: 'operator' | 'viewer' }[]
}

export const DEMO_USERS = [
  { username: 'operator@example.com', role: 'operator' },
  { username: 'viewer@example.com', role: 'viewer' },
] as const

const NAME = 'fleetdeck'

/** The shared name lives in domain/ (the dashboard aggregates on it too); this one stays for older imports. */
export const DEMO_FIRMWARE_VERSION_FIELD = FIRMWARE_VERSION_INDEX_FIELD

/**
 * The fleet view's index: registry, the classic shadow, the `$package` named
 * shadow and connectivity. Devices (fleet/) report `firmware.version` and
 * `firmware.model` in their classic shadow and the same version in
 * `$package` under their model's package name, as AWS's Software Package
 * Catalog does. Custom fields make the version and model aggregatable, so a
 * version distribution is one GetBucketsAggregation.
 */
export const DEMO_INDEXING_CONFIGURATION = {
  ...DEFAULT_INDEXING_CONFIGURATION,
  thingIndexingMode: 'REGISTRY_AND_SHADOW',
  thingConnectivityIndexingMode: 'STATUS',
  namedShadowIndexingMode: 'ON',
  namedShadowNames: ['$package'],
  customFields: [
    { name: FIRMWARE_VERSION_INDEX_FIELD, type: 'String' },
    { name: FIRMWARE_MODEL_INDEX_FIELD, type: 'String' },
  ],
} as const

/**
 * What the dashboard sends and reads: SDK uploads with checksums, multipart
 * ETags, and DELETE for AbortMultipartUpload when an upload is cancelled
 * (operators cannot delete objects: IAM refuses s3:DeleteObject).
 */
function dashboardCors(origins: readonly string[]): CorsRule[] {
  return [
    {
      id: 'fleetdeck-dashboard',
      allowedOrigins: origins,
      allowedMethods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
      allowedHeaders: ['*'],
      exposeHeaders: [
        'ETag',
        'x-amz-request-id',
        'x-amz-checksum-crc32',
        'x-amz-checksum-crc32c',
        'x-amz-checksum-sha256',
        'x-amz-meta-sha256',
        'x-amz-meta-notes',
        'x-amz-meta-version',
        'x-amz-meta-model',
      ],
      maxAgeSeconds: 3000,
    },
  ]
}

// Random, and certain to pass Cognito's default policy (upper, lower, digit, symbol).
function generatePassword(): string {
  return `${randomBytes(12).toString('base64url')}-Aa1`
}

async function passwordOf(cloud: LocalCloud, username: string): Promise<string> {
  const stored = cloud.store.get('demoUsers', username)
  if (stored !== undefined) return stored.password
  const password = generatePassword()
  cloud.store.put('demoUsers', username, { username, password })
  await cloud.store.flush()
  return password
}

export async function seedDemo(
  cloud: LocalCloud,
  { endpoint, dashboardOrigins }: { endpoint: string; dashboardOrigins: readonly string[] },
): Promise<DemoSeed> {
  // The dashboard's live charts listen to job events, which AWS accounts
  // (and the local cloud) publish only once enabled.
  new EventConfigurations(cloud.store, cloud.clock).update({ JOB: true, JOB_EXECUTION: true })
  cloud.fleetIndexing.index.configure(DEMO_INDEXING_CONFIGURATION)
  await cloud.store.flush()
  for (const bucket of [BUCKET_NAMES.firmwareBucket, BUCKET_NAMES.configBucket]) {
    await cloud.s3.createBucket(bucket)
    await cloud.s3.putBucketCors(bucket, dashboardCors(dashboardOrigins))
  }

  const cognito = cloud.cognito
  const { userPoolId } = await cognito.ensureUserPool({ name: NAME, usernameAttributes: ['email'] })
  const { clientId } = await cognito.ensureUserPoolClient(userPoolId, 'dashboard', {
    // As the AWS console sets it: a wrong username looks like a wrong password.
    preventUserExistenceErrors: 'ENABLED',
  })
  await cognito.ensureGroup({
    userPoolId,
    groupName: ROLE_GROUPS.operator,
    role: 'operator',
    precedence: 1,
    description: 'Create, cancel and roll back rollouts; manage firmware.',
  })
  await cognito.ensureGroup({
    userPoolId,
    groupName: ROLE_GROUPS.viewer,
    role: 'viewer',
    precedence: 2,
    description: 'Read-only: support staff and the wall display.',
  })
  const users = []
  for (const { username, role } of DEMO_USERS) {
    const password = await passwordOf(cloud, username)
    await cognito.ensureUser({
      userPoolId,
      username,
      password,
      attributes: { email: username, email_verified: 'true' },
      groupNames: [ROLE_GROUPS[role]],
    })
    users.push({ username, password, role })
  }
  const { identityPoolId } = await cognito.ensureIdentityPool({
    name: NAME,
    userPoolId,
    clientId,
    issuerHost: new URL(endpoint).host,
  })
  return {
    region: REGION,
    endpoint,
    userPoolId,
    userPoolClientId: clientId,
    identityPoolId,
    firmwareBucket: BUCKET_NAMES.firmwareBucket,
    configBucket: BUCKET_NAMES.configBucket,
    users,
  }
}

/** The lines printed at start: what a developer needs to sign in. */
export function describeSeed(seed: DemoSeed): string {
  return [
    `Demo sign-in (user pool ${seed.userPoolId}, app client ${seed.userPoolClientId}, identity pool ${seed.identityPoolId}):`,
    ...seed.users.map(
      ({ username, password, role }) => `  ${role.padEnd(8)} ${username}  ${password}`,
    ),
    `Buckets: ${seed.firmwareBucket}, ${seed.configBucket}`,
  ].join('\n')
}
