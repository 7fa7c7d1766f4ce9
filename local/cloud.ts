import type { Clock } from './clock.ts'
import { internalFailure } from './edge/aws-error.ts'
import type { CredentialDirectory } from './edge/authenticate.ts'
import { createEdgeApp, type EdgeApp } from './edge/edge-app.ts'
import type { OriginPolicy } from './edge/origins.ts'
import { errorResponse } from './edge/responses.ts'
import { createRestJsonFrontend } from './edge/rest-json-frontend.ts'
import {
  adminCredentials,
  chainDirectories,
  TemporaryCredentials,
} from './iam/temporary-credentials.ts'
import { createControlPlane } from './iot/control-plane.ts'
import { Registry } from './iot/registry.ts'
import { createJobsDataPlane } from './jobs/data-plane.ts'
import { JobEngine } from './jobs/job-engine.ts'
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
}

export interface LocalCloud {
  readonly app: EdgeApp
  readonly registry: Registry
  readonly engine: JobEngine
  readonly temporaryCredentials: TemporaryCredentials
  readonly store: Store<LocalCloudSchema>
  readonly clock: Clock
  /** Runs due engine work and makes it durable. */
  tick(): Promise<void>
}

export { adminCredentials }

export function createLocalCloud({
  store,
  clock,
  endpointAddress,
  credentials,
  realNow = Date.now,
  onError,
  origins,
}: LocalCloudOptions): LocalCloud {
  const registry = new Registry(store, clock)
  const engine = new JobEngine(store, registry, clock, onError)
  const controlPlane = createControlPlane(registry, engine, endpointAddress)
  const temporaryCredentials = new TemporaryCredentials(store, realNow)
  const app = createEdgeApp({
    frontends: [
      createRestJsonFrontend({
        iot: controlPlane,
        'execute-api': controlPlane,
        'iot-jobs-data': createJobsDataPlane(engine),
      }),
    ],
    credentials: chainDirectories(
      adminCredentials,
      temporaryCredentials,
      ...(credentials === undefined ? [] : [credentials]),
    ),
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
    registry,
    engine,
    temporaryCredentials,
    store,
    clock,
    tick: async () => {
      if (engine.tick()) await store.flush()
    },
  }
}
