import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateJobCommand, IoTClient, UpdateEventConfigurationsCommand } from '@aws-sdk/client-iot'
import {
  IoTJobsDataPlaneClient,
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import { signIn, signOut } from 'aws-amplify/auth'
import { afterEach, describe, expect, it } from 'vitest'
import type { DashboardConfig } from '@domain/dashboard-config.ts'
import type { JobEvent } from '@domain/job-events.ts'
import { DASHBOARD_CLIENT_ID_PREFIX } from '@domain/permissions.ts'
import { configureAmplify } from '@/lib/auth/configure-amplify.ts'
import { fetchSessionCredentials, type SessionCredentials } from '@/lib/auth/session-credentials.ts'
import { seedAuth } from '../../../local/testing/cognito-helpers.ts'
import { eventually } from '../../../local/testing/eventually.ts'
import { arnOfThing, createThings, DOCUMENT } from '../../../local/testing/fleet-helpers.ts'
import {
  uniqueName,
  useLocalCloudFixture,
  type LocalCloudFixture,
} from '../../../local/testing/local-cloud-fixture.ts'
import {
  freePort,
  kill,
  spawnLocalCloud,
  type LocalCloudProcess,
} from '../../../local/testing/local-cloud-process.ts'
import {
  createLiveConnectionManager,
  type GetLiveCredentials,
  type LiveConnectionManager,
} from './live-connection-manager.ts'
import { listenToJobEvents } from './job-event-listener.ts'
import type { LiveStatus } from './live-status.ts'
import { mqttTransport } from './mqtt-transport.ts'

/**
 * The connection manager with the real transport (mqtt.js over a SigV4-signed
 * WebSocket) against a real local cloud: a viewer signed in through the user
 * pool and the identity pool with Amplify, as the dashboard signs in, gets a
 * job's events as the job runs; keeps getting them across credential expiry
 * (make-before-break); and comes back after the cloud restarts.
 */
const REGION = 'us-east-1'
const CREDENTIAL_LIFETIME_SECONDS = 8

const cloud = useLocalCloudFixture()
const shortLived = useLocalCloudFixture({ tokenLifetimeCapSeconds: CREDENTIAL_LIFETIME_SECONDS })

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** The dashboard's config for a local cloud, with the demo seed's pools. */
async function signInViewer(fixture: LocalCloudFixture): Promise<DashboardConfig> {
  const auth = await seedAuth(fixture.running.cloud, fixture.endpoint)
  const config: DashboardConfig = {
    region: REGION,
    userPoolId: auth.userPoolId,
    userPoolClientId: auth.userPoolClientId,
    identityPoolId: auth.identityPoolId,
    iotDataEndpoint: fixture.endpoint,
    firmwareBucket: 'fleetdeck-firmware',
    configBucket: 'fleetdeck-config',
    endpoints: { cognito: fixture.endpoint, iot: fixture.endpoint, s3: fixture.endpoint },
  }
  configureAmplify(config)
  await signIn(auth.viewer)
  cleanups.push(() => signOut())
  return config
}

/** A manager listening to one job's events, recording them and every status it takes. */
function listenToJob(
  endpoint: string,
  getCredentials: GetLiveCredentials,
  jobId: string,
): {
  manager: LiveConnectionManager
  events: JobEvent[]
  statuses: LiveStatus[]
  errors: unknown[]
} {
  const errors: unknown[] = []
  const manager = createLiveConnectionManager({
    connect: mqttTransport({ endpoint, region: REGION }),
    getCredentials,
    onError: (error) => errors.push(error),
  })
  const statuses: LiveStatus[] = []
  manager.onStatusChange(() => statuses.push(manager.getStatus()))
  const events: JobEvent[] = []
  // As useJobEvents listens: parsed, in batches.
  const stop = listenToJobEvents(manager, jobId, (batch) => events.push(...batch), {
    onInvalid: (topic, issues) => errors.push(new Error(`${topic}: ${JSON.stringify(issues)}`)),
  })
  cleanups.push(stop)
  manager.mount()
  cleanups.push(() => manager.unmount())
  return { manager, events, statuses, errors }
}

const untilStatus = (manager: LiveConnectionManager, status: LiveStatus, timeoutMs = 15_000) =>
  eventually(
    () => {
      expect(manager.getStatus()).toBe(status)
    },
    { timeoutMs },
  )

/** Clients of an endpoint with the admin key, for the job's owner and its devices. */
function adminClients(endpoint: string) {
  const options = {
    region: REGION,
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  }
  const clients = { iot: new IoTClient(options), jobsData: new IoTJobsDataPlaneClient(options) }
  cleanups.push(() => {
    clients.iot.destroy()
    clients.jobsData.destroy()
  })
  return clients
}

const OUTCOMES = ['SUCCEEDED', 'FAILED', 'REJECTED'] as const

/** Runs `jobId` on three new things, as devices would: one succeeds, one fails, one rejects it. */
async function runJob(
  { iot, jobsData }: ReturnType<typeof adminClients>,
  jobId: string,
): Promise<string[]> {
  const things = await createThings(iot, OUTCOMES.length, 'live')
  await iot.send(
    new CreateJobCommand({ jobId, targets: things.map(arnOfThing), document: DOCUMENT }),
  )
  for (const [index, thingName] of things.entries()) {
    await eventually(async () => {
      const started = await jobsData.send(new StartNextPendingJobExecutionCommand({ thingName }))
      expect(started.execution?.jobId).toBe(jobId)
    })
    await jobsData.send(
      new UpdateJobExecutionCommand({
        thingName,
        jobId,
        status: OUTCOMES[index] ?? 'SUCCEEDED',
        statusDetails: { step: 'done', downloadMs: String(100 * (index + 1)) },
      }),
    )
  }
  return things
}

/** What the listener should have received for a job run by runJob, in any order. */
async function expectJobEvents(events: readonly JobEvent[], jobId: string, things: string[]) {
  await eventually(() => {
    expect(events.map((event) => event.operation)).toContain('completed')
    expect(events.filter((event) => event.eventType === 'JOB_EXECUTION')).toHaveLength(3)
  })
  const executions = events.flatMap((event) => (event.eventType === 'JOB_EXECUTION' ? [event] : []))
  expect(
    executions
      .map(({ thingName, status, statusDetails }) => ({ thingName, status, statusDetails }))
      .sort((a, b) => a.thingName.localeCompare(b.thingName)),
  ).toEqual(
    things.map((thingName, index) => ({
      thingName,
      status: OUTCOMES[index],
      statusDetails: { step: 'done', downloadMs: String(100 * (index + 1)) },
    })),
  )
  expect(events.every((event) => event.jobId === jobId)).toBe(true)
  expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length)
  expect(events.find((event) => event.eventType === 'JOB')).toMatchObject({
    operation: 'completed',
    status: 'COMPLETED',
    jobProcessDetails: {
      numberOfSucceededThings: 1,
      numberOfFailedThings: 1,
      numberOfRejectedThings: 1,
    },
  })
}

describe('live job events for a viewer signed in through the identity pool', () => {
  it('arrive parsed as the job runs', async () => {
    const config = await signInViewer(cloud)
    const jobId = uniqueName('live')
    const listener = listenToJob(config.iotDataEndpoint, fetchSessionCredentials, jobId)
    await untilStatus(listener.manager, 'live')
    const things = await runJob(adminClients(cloud.endpoint), jobId)
    await expectJobEvents(listener.events, jobId, things)
    expect(listener.statuses).toEqual(['connecting', 'live'])
    expect(listener.errors).toEqual([])
  })

  it(
    'keep arriving after the first credentials expired: the connection is replaced before they do',
    { timeout: 60_000 },
    async () => {
      const config = await signInViewer(shortLived)
      const connections: string[] = []
      shortLived.running.cloud.mqtt.onConnectionChange((identity, connected) => {
        if (connected && identity.clientId.startsWith(DASHBOARD_CLIENT_ID_PREFIX))
          connections.push(identity.clientId)
      })
      const signedWith: SessionCredentials[] = []
      const recordingCredentials: GetLiveCredentials = async (options) => {
        const credentials = await fetchSessionCredentials(options)
        signedWith.push(credentials)
        return credentials
      }
      const jobId = uniqueName('renewed')
      const listener = listenToJob(config.iotDataEndpoint, recordingCredentials, jobId)
      await untilStatus(listener.manager, 'live')
      const firstExpiration = signedWith[0]?.expiration?.getTime() ?? 0
      expect(firstExpiration - Date.now()).toBeLessThanOrEqual(CREDENTIAL_LIFETIME_SECONDS * 1000)

      // Two lifetimes later the first credentials have long expired and the
      // local cloud has closed every socket they signed.
      await new Promise((resolve) => setTimeout(resolve, 2 * CREDENTIAL_LIFETIME_SECONDS * 1000))
      expect(Date.now()).toBeGreaterThan(firstExpiration)
      const things = await runJob(adminClients(shortLived.endpoint), jobId)
      await expectJobEvents(listener.events, jobId, things)

      expect(listener.statuses).toEqual(['connecting', 'live'])
      expect(new Set(connections).size).toBeGreaterThanOrEqual(3)
      const keys = new Set(signedWith.map((credentials) => credentials.accessKeyId))
      expect(keys.size).toBeGreaterThanOrEqual(3)
    },
  )
})

describe('a local cloud that stops and starts again', () => {
  it(
    'turns the status to polling, then back to live, and events arrive again',
    { timeout: 90_000 },
    async () => {
      const port = await freePort()
      const dataDir = await mkdtemp(join(tmpdir(), 'fleetdeck-live-'))
      let running: LocalCloudProcess = await spawnLocalCloud({ port, dataDir, clockSpeed: 1 })
      cleanups.push(async () => {
        await kill(running)
        await rm(dataDir, { recursive: true, force: true })
      })
      const endpoint = running.endpoint
      const clients = adminClients(endpoint)
      await clients.iot.send(
        new UpdateEventConfigurationsCommand({
          eventConfigurations: { JOB: { Enabled: true }, JOB_EXECUTION: { Enabled: true } },
        }),
      )
      // The administrator's key does not expire, so nothing is renewed here: only the restart is tested.
      const adminKey = () =>
        Promise.resolve<SessionCredentials>({ accessKeyId: 'test', secretAccessKey: 'test' })
      const jobId = uniqueName('restart')
      const listener = listenToJob(endpoint, adminKey, jobId)
      await untilStatus(listener.manager, 'live')

      await kill(running)
      await untilStatus(listener.manager, 'polling')
      running = await spawnLocalCloud({ port, dataDir, clockSpeed: 1 })
      await untilStatus(listener.manager, 'live', 40_000)

      const things = await runJob(clients, jobId)
      await expectJobEvents(listener.events, jobId, things)
      expect(listener.statuses).toEqual(['connecting', 'live', 'polling', 'live'])
    },
  )
})
