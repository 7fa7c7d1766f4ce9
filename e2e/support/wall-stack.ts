import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  CreateJobCommand,
  CreateThingCommand,
  IoTClient,
  DescribeJobCommand,
  DescribeJobExecutionCommand,
  GetStatisticsCommand,
  type DescribeJobCommandOutput,
  type JobProcessDetails,
} from '@aws-sdk/client-iot'
import { IoTDataPlaneClient, UpdateThingShadowCommand } from '@aws-sdk/client-iot-data-plane'
import {
  IoTJobsDataPlaneClient,
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane'
import type { Page } from '@playwright/test'
import mqtt, { type MqttClient } from 'mqtt'
import { freePort } from '../../local/testing/local-cloud-process.ts'
import { E2E_DASHBOARD_URL } from './e2e-stack.ts'
import { createUserIn, type TestUser } from './users.ts'

/**
 * A local cloud of the wall spec's own, for what the shared e2e stack must
 * not go through: being stopped and started again, and tokens that live a
 * few seconds. It runs as a child process (`npm run local -- --seed`, so
 * users, pools, job events and fleet indexing are the demo's) on ports
 * fixed for its lifetime and one data directory, so a restart is a restart:
 * same endpoint, same state, same sessions. No simulator: a few things get
 * a reported firmware, two connect over MQTT (online), and the test acts as
 * the devices of its jobs through the Jobs data plane.
 *
 * The dashboard is the shared stack's build, served where it is; the
 * page's `config.json` is answered with this cloud's instead (page.route).
 * The local cloud allows any loopback origin, so the browser may call it.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ADMIN = { accessKeyId: 'test', secretAccessKey: 'test' }
const REGION = 'us-east-1'

export interface WallStackOptions {
  /** FLEETDECK_TOKEN_LIFETIME_SECONDS: ID and access tokens and credentials live this long. */
  readonly tokenLifetimeSeconds: number
  /** FLEETDECK_CLOCK_SPEED: emulated seconds per real second (jobs' timestamps, timeouts). */
  readonly clockSpeed: number
}

/** The devices: model and reported version; the first two connect over MQTT. */
export const WALL_DEVICES = [
  { thingName: 'wall-lamp-1', model: 'lamp-v2', version: '2.0.0' },
  { thingName: 'wall-lamp-2', model: 'lamp-v2', version: '2.0.0' },
  { thingName: 'wall-lamp-3', model: 'lamp-v2', version: '1.2.0' },
  { thingName: 'wall-lock-1', model: 'lock-v3', version: '3.2.0' },
  { thingName: 'wall-lock-2', model: 'lock-v3', version: '3.1.0' },
  { thingName: 'wall-lock-3', model: 'lock-v3', version: '3.1.0' },
] as const
export const ONLINE_DEVICES = 2

export interface WallStack {
  readonly endpoint: string
  readonly config: Record<string, unknown>
  readonly iot: IoTClient
  createViewer(): Promise<TestUser>
  /** Answers the dashboard's config.json with this cloud's, for this page. */
  useFor(page: Page): Promise<void>
  /**
   * A job on new things of its own that nothing plays (its executions move
   * only when the test acts as their device); returns the job id and things.
   */
  createJob(prefix: string, count: number): Promise<{ jobId: string; things: string[] }>
  /** Acts as the device: takes its next pending execution and ends it. */
  finishAsDevice(
    thingName: string,
    jobId: string,
    status: 'SUCCEEDED' | 'FAILED',
    statusDetails?: Record<string, string>,
  ): Promise<void>
  counters(jobId: string): Promise<JobProcessDetails | undefined>
  /** The job as DescribeJob answers the administrator (its emulated-clock timestamps). */
  describeJob(jobId: string): Promise<DescribeJobCommandOutput['job']>
  /** When the execution last changed, on the local cloud's (emulated) clock. */
  executionUpdatedAt(jobId: string, thingName: string): Promise<Date | undefined>
  /** How many things the fleet index counts, as the wall should show. */
  deviceCount(): Promise<number>
  /** SIGKILL, as a crash or a pulled plug: nothing is flushed on the way out. */
  kill(): Promise<void>
  /** Starts the cloud again on the same ports and data directory. */
  start(): Promise<void>
  isRunning(): boolean
  stop(): Promise<void>
}

async function waitForHealth(endpoint: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`The local cloud exited (${String(child.exitCode)}):\n${output()}`)
    try {
      if ((await fetch(`${endpoint}/_fleetdeck/health`)).ok) return
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`The local cloud did not start:\n${output()}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export async function startWallStack({
  tokenLifetimeSeconds,
  clockSpeed,
}: WallStackOptions): Promise<WallStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fleetdeck-wall-e2e-'))
  const port = await freePort()
  const mqttPort = await freePort()
  const endpoint = `http://127.0.0.1:${String(port)}`
  const configFile = join(dataDir, 'dashboard-config.json')
  let child: ChildProcess | undefined
  let output = ''

  const start = async () => {
    output = ''
    // --seed on every start, as `npm start` seeds: it finds what the last run made.
    const started = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts', '--seed'], {
      cwd: ROOT,
      env: {
        ...process.env,
        FLEETDECK_PORT: String(port),
        FLEETDECK_DATA_DIR: dataDir,
        FLEETDECK_CLOCK_SPEED: String(clockSpeed),
        FLEETDECK_MQTT_PORT: String(mqttPort),
        FLEETDECK_MQTTS_PORT: '0',
        FLEETDECK_TOKEN_LIFETIME_SECONDS: String(tokenLifetimeSeconds),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child = started
    await waitForHealth(endpoint, started, () => output)
    // The seed runs after the port is bound; its config file is its last step.
    const deadline = Date.now() + 30_000
    while (!output.includes('Dashboard config written') || !existsSync(configFile)) {
      if (started.exitCode !== null || Date.now() > deadline)
        throw new Error(`The local cloud's seed did not finish:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  const kill = async () => {
    const running = child
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }

  await start()
  const config = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>
  const clientConfig = { region: REGION, endpoint, credentials: ADMIN }
  const iot = new IoTClient(clientConfig)
  const iotData = new IoTDataPlaneClient(clientConfig)
  const devicePlane = new IoTJobsDataPlaneClient(clientConfig)

  for (const { thingName, model, version } of WALL_DEVICES) {
    await iot.send(new CreateThingCommand({ thingName }))
    await iotData.send(
      new UpdateThingShadowCommand({
        thingName,
        payload: new TextEncoder().encode(
          JSON.stringify({ state: { reported: { firmware: { model, version } } } }),
        ),
      }),
    )
  }
  // Plain MQTT on the loopback (the client id names the thing); they come
  // back by themselves after a restart, as devices do.
  const devices: MqttClient[] = WALL_DEVICES.slice(0, ONLINE_DEVICES).map(({ thingName }) =>
    mqtt.connect(`mqtt://127.0.0.1:${String(mqttPort)}`, {
      clientId: thingName,
      protocolVersion: 4,
      reconnectPeriod: 500,
      connectTimeout: 5_000,
    }),
  )
  for (const device of devices) device.on('error', () => undefined)

  return {
    endpoint,
    config,
    iot,
    createViewer: () =>
      createUserIn({ endpoint, userPoolId: String(config['userPoolId']) }, 'viewer'),
    useFor: async (page) => {
      await page.route(`${E2E_DASHBOARD_URL}/config.json`, (route) =>
        route.fulfill({ json: config, headers: { 'cache-control': 'no-store' } }),
      )
    },
    createJob: async (prefix, count) => {
      const jobId = `${prefix}-${Date.now().toString(36)}`
      const things = Array.from({ length: count }, (_, index) => `${jobId}-${String(index)}`)
      for (const thingName of things) await iot.send(new CreateThingCommand({ thingName }))
      await iot.send(
        new CreateJobCommand({
          jobId,
          targets: things.map((thing) => `arn:aws:iot:${REGION}:000000000000:thing/${thing}`),
          document: JSON.stringify({ operation: 'reboot' }),
          description: 'Staged by the wall display e2e test',
        }),
      )
      return { jobId, things }
    },
    finishAsDevice: async (thingName, jobId, status, statusDetails = {}) => {
      await devicePlane.send(new StartNextPendingJobExecutionCommand({ thingName }))
      await devicePlane.send(
        new UpdateJobExecutionCommand({ thingName, jobId, status, statusDetails }),
      )
    },
    counters: async (jobId) =>
      (await iot.send(new DescribeJobCommand({ jobId }))).job?.jobProcessDetails,
    describeJob: async (jobId) => (await iot.send(new DescribeJobCommand({ jobId }))).job,
    executionUpdatedAt: async (jobId, thingName) =>
      (await iot.send(new DescribeJobExecutionCommand({ jobId, thingName }))).execution
        ?.lastUpdatedAt,
    deviceCount: async () =>
      (await iot.send(new GetStatisticsCommand({ queryString: 'thingName:*' }))).statistics
        ?.count ?? 0,
    kill,
    start,
    isRunning: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    stop: async () => {
      for (const device of devices) device.end(true)
      iot.destroy()
      iotData.destroy()
      devicePlane.destroy()
      await kill()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
