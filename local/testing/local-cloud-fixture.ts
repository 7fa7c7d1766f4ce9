import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { IoTClient } from '@aws-sdk/client-iot'
import { afterAll, beforeAll } from 'vitest'
import { IoTJobsDataPlaneClient } from '@aws-sdk/client-iot-jobs-data-plane'
import { ADMIN_CREDENTIALS, REGION } from '../config.ts'
import type { CredentialDirectory } from '../edge/authenticate.ts'
import { startLocalCloud, type RunningLocalCloud } from '../start.ts'

/**
 * A real local cloud for a test file: its own data directory, a free port on
 * 127.0.0.1, and SDK clients pointed at it exactly as an application would
 * point them at AWS. Nothing is mocked.
 */
export interface LocalCloudFixture {
  readonly running: RunningLocalCloud
  readonly endpoint: string
  /** mqtt://127.0.0.1:port, the plain TCP listener. */
  readonly mqttEndpoint: string
  /** mqtts://127.0.0.1:port, the mutual-TLS listener (trust `running.rootCaPath`). */
  readonly mqttsEndpoint: string
  readonly dataDir: string
  readonly iot: IoTClient
  readonly jobsData: IoTJobsDataPlaneClient
  stop(): Promise<void>
}

export async function startLocalCloudFixture({
  clockSpeed = 1,
  credentials,
  tokenLifetimeCapSeconds,
}: {
  clockSpeed?: number
  credentials?: CredentialDirectory
  /** As FLEETDECK_TOKEN_LIFETIME_SECONDS sets it (see local/config.ts). */
  tokenLifetimeCapSeconds?: number
} = {}): Promise<LocalCloudFixture> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fleetdeck-contract-'))
  const running = await startLocalCloud(
    {
      host: '127.0.0.1',
      port: 0,
      mqttPort: 0,
      dataDir,
      clockSpeed,
      corsOrigins: [],
      allowedHosts: [],
      tokenLifetimeCapSeconds,
    },
    credentials === undefined ? {} : { credentials },
  )
  const clientConfig = {
    region: REGION,
    endpoint: running.endpoint,
    credentials: ADMIN_CREDENTIALS,
    // Tests should see the first error, not a retried one.
    maxAttempts: 1,
  }
  const iot = new IoTClient(clientConfig)
  const jobsData = new IoTJobsDataPlaneClient(clientConfig)
  return {
    running,
    endpoint: running.endpoint,
    mqttEndpoint: running.mqttEndpoint,
    mqttsEndpoint: running.mqttsEndpoint,
    dataDir,
    iot,
    jobsData,
    stop: async () => {
      iot.destroy()
      jobsData.destroy()
      await running.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** A name unique to this run, so tests never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

/**
 * One local cloud for the calling test file: started before its tests, stopped
 * after them. The returned object reads through to the running fixture.
 */
export function useLocalCloudFixture(
  options: Parameters<typeof startLocalCloudFixture>[0] = {},
): LocalCloudFixture {
  let fixture: LocalCloudFixture | undefined
  beforeAll(async () => {
    fixture = await startLocalCloudFixture(options)
  })
  afterAll(async () => {
    await fixture?.stop()
  })
  const current = (): LocalCloudFixture => {
    if (fixture === undefined)
      throw new Error('The local cloud fixture starts in beforeAll; use it inside tests.')
    return fixture
  }
  return {
    get running() {
      return current().running
    },
    get endpoint() {
      return current().endpoint
    },
    get mqttEndpoint() {
      return current().mqttEndpoint
    },
    get mqttsEndpoint() {
      return current().mqttsEndpoint
    },
    get dataDir() {
      return current().dataDir
    },
    get iot() {
      return current().iot
    },
    get jobsData() {
      return current().jobsData
    },
    stop: () => current().stop(),
  }
}

/**
 * A local cloud that a test file stops and starts again on one data
 * directory, as a developer restarts `npm start`: each `start()` binds free
 * ports; everything started and the directory go away after the file.
 */
export function useRestartableLocalCloud(prefix: string): {
  start: () => Promise<RunningLocalCloud>
} {
  let dataDir: string | undefined
  const running: RunningLocalCloud[] = []
  afterAll(async () => {
    for (const cloud of running) await cloud.stop().catch(() => undefined)
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true })
  })
  return {
    start: async () => {
      dataDir ??= await mkdtemp(join(tmpdir(), `fleetdeck-${prefix}-`))
      const cloud = await startLocalCloud({
        host: '127.0.0.1',
        port: 0,
        mqttPort: 0,
        mqttsPort: 0,
        dataDir,
        clockSpeed: 1,
        corsOrigins: [],
        allowedHosts: [],
      })
      running.push(cloud)
      return cloud
    },
  }
}
