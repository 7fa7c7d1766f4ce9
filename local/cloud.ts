import type { Clock } from './clock.ts'
import { createCognito } from './cognito/cognito.ts'
import type { CognitoSeeding } from './cognito/cognito-seeding.ts'
import { internalFailure } from './edge/aws-error.ts'
import type { CredentialDirectory } from './edge/authenticate.ts'
import { createEdgeApp, type EdgeApp } from './edge/edge-app.ts'
import { createOriginPolicy, type OriginPolicy } from './edge/origins.ts'
import { errorResponse } from './edge/responses.ts'
import { createRestJsonFrontend } from './edge/rest-json-frontend.ts'
import {
  adminCredentials,
  chainDirectories,
  TemporaryCredentials,
} from './iam/temporary-credentials.ts'
import { createControlPlane } from './iot/control-plane.ts'
import { createDeviceSecurity, type DeviceSecurity } from './iot/device-security.ts'
import {
  createFleetIndexing,
  indexConnectivity,
  type FleetIndexing,
} from './iot/fleet-index/fleet-indexing.ts'
import { Registry } from './iot/registry.ts'
import { createMqttAccess } from './mqtt/mqtt-access.ts'
import { createMqttBroker, type MqttBroker } from './mqtt/mqtt-broker.ts'
import { createJobsDataPlane } from './jobs/data-plane.ts'
import { createDeviceDocuments } from './jobs/device-documents.ts'
import { JobEngine } from './jobs/job-engine.ts'
import { attachJobsToMqtt } from './jobs/mqtt/attach-jobs-mqtt.ts'
import { createGetObjectPresigner } from './jobs/presigned-urls.ts'
import { createMemoryBlobStore, type BlobStore } from './s3/blob-store.ts'
import { createLocalS3, type LocalS3 } from './s3/local-s3.ts'
import { createS3Frontend } from './s3/s3-frontend.ts'
import { attachShadows } from './shadows/attach-shadows.ts'
import { createShadowDataPlane } from './shadows/data-plane.ts'
import type { DeviceShadows } from './shadows/device-shadows.ts'
import { S3Storage } from './s3/s3-storage.ts'
import type { LocalCloudSchema } from './state/records.ts'
import type { Store } from './store/store.ts'

/**
 * The local cloud without any socket: state, services and the edge app.
 * main.ts binds it to a port; tests can call `app` directly or bind it to an
 * ephemeral port and use the real SDK.
 */
export interface LocalCloudOptions {
  readonly store: Store<LocalCloudSchema>
  readonly clock: Clock
  /** The URL clients should use, for DescribeEndpoint. */
  readonly endpointAddress: () => string
  /** Extra credentials besides the admin key and issued sessions (tests add fixed viewer keys). */
  readonly credentials?: CredentialDirectory
  /** Real wall-clock time, for signatures and credential lifetimes. */
  readonly realNow?: () => number
  readonly onError?: (error: unknown) => void
  readonly origins?: OriginPolicy
  /** Where S3 object bytes go: memory unless given (start.ts passes files under the data directory). */
  readonly blobs?: BlobStore
  /** Caps Cognito token and credential lifetimes (FLEETDECK_TOKEN_LIFETIME_SECONDS, a test knob). */
  readonly tokenLifetimeCapSeconds?: number
}

export interface LocalCloud {
  readonly app: EdgeApp
  /** Every key the edge accepts: the admin's, issued sessions, and any extra (tests). */
  readonly credentials: CredentialDirectory
  readonly realNow: () => number
  /** The MQTT broker without sockets; start.ts gives it its listeners. */
  readonly mqtt: MqttBroker
  readonly registry: Registry
  /** Certificates (and the local CA), thing principals and IoT policies. */
  readonly security: DeviceSecurity
  readonly engine: JobEngine
  readonly temporaryCredentials: TemporaryCredentials
  /** Cognito user pools, clients, groups, users and identity pools for seeding scripts. */
  readonly cognito: CognitoSeeding
  /** S3 buckets and objects without HTTP, for seeding and for the Jobs service (see local/s3/local-s3.ts). */
  readonly s3: LocalS3
  /** Device shadows; `onShadowChange` tells of every change (fleet indexing). */
  readonly shadows: DeviceShadows
  /** The thing index (SearchIndex and the aggregations) and dynamic thing groups. */
  readonly fleetIndexing: FleetIndexing
  readonly store: Store<LocalCloudSchema>
  readonly clock: Clock
  /** Runs due engine work and makes it durable. */
  tick(): Promise<void>
}

export { adminCredentials }

export async function createLocalCloud({
  store,
  clock,
  endpointAddress,
  credentials,
  realNow = Date.now,
  onError,
  origins,
  blobs = createMemoryBlobStore(),
  tokenLifetimeCapSeconds,
}: LocalCloudOptions): Promise<LocalCloud> {
  const registry = new Registry(store, clock)
  // The first start makes the local CA; it is durable before anything is served.
  const security = createDeviceSecurity(store, clock, registry, realNow)
  await store.flush()
  const mqtt = await createMqttBroker({
    access: createMqttAccess(registry, security.mqttAccess),
    ...(onError === undefined ? {} : { onError }),
  })
  const engine = new JobEngine(store, registry, clock, onError)
  const s3Storage = new S3Storage(store, blobs, () => clock.now(), onError)
  const s3 = createLocalS3(s3Storage, () => store.flush())
  const shadows = attachShadows({
    store,
    clock,
    broker: mqtt,
    ...(onError === undefined ? {} : { onError }),
  })
  const fleetIndexing = createFleetIndexing({ store, clock, registry, shadows })
  indexConnectivity(fleetIndexing, {
    broker: mqtt,
    store,
    clock,
    registry,
    ...(onError === undefined ? {} : { onError }),
  })
  // Connectivity reconciled at start and the dynamic groups that follow it are durable before anything is served.
  await store.flush()
  const controlPlane = createControlPlane(
    registry,
    engine,
    endpointAddress,
    {
      size: (bucket, key) => s3.objectSize(bucket, key),
      read: (bucket, key) => s3.getObject(bucket, key)?.body,
    },
    security,
    fleetIndexing,
  )
  const temporaryCredentials = new TemporaryCredentials(store, realNow)
  const cognito = createCognito({ store, temporaryCredentials, realNow, tokenLifetimeCapSeconds })
  const deviceDocuments = createDeviceDocuments(
    engine,
    createGetObjectPresigner({ temporaryCredentials, endpointAddress, realNow }),
  )
  attachJobsToMqtt({
    broker: mqtt,
    engine,
    documents: deviceDocuments,
    store,
    ...(onError === undefined ? {} : { onError }),
  })
  const directory = chainDirectories(
    adminCredentials,
    temporaryCredentials,
    ...(credentials === undefined ? [] : [credentials]),
  )
  const app = createEdgeApp({
    frontends: [
      ...cognito.frontends,
      createS3Frontend({ storage: s3Storage, origins: origins ?? createOriginPolicy() }),
      createRestJsonFrontend({
        iot: controlPlane,
        'execute-api': controlPlane,
        'iot-jobs-data': createJobsDataPlane(engine, deviceDocuments),
        iotdata: createShadowDataPlane(shadows),
      }),
    ],
    credentials: directory,
    realNow,
    ...(origins === undefined ? {} : { origins }),
    ...(onError === undefined ? {} : { onError }),
  })
  // Every acknowledged change must be durable: the edge answers only after the store has flushed.
  const durableApp: EdgeApp = async (request, rawPath) => {
    const response = await app(request, rawPath)
    try {
      await store.flush()
    } catch (error) {
      ;(onError ?? console.error)(error)
      return errorResponse(
        internalFailure('The local cloud could not save the change; it was not applied durably.'),
      )
    }
    return response
  }
  return {
    app: durableApp,
    credentials: directory,
    realNow,
    mqtt,
    registry,
    security,
    engine,
    temporaryCredentials,
    cognito: cognito.seeding,
    s3,
    shadows,
    fleetIndexing,
    store,
    clock,
    tick: async () => {
      if (engine.tick()) await store.flush()
    },
  }
}
