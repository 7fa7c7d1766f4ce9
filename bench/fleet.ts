// A firmware rollout to 1,000 and 10,000 simulated devices, end to end: the
// local cloud in its own process (as `npm run local` runs it, clock ×60),
// the simulator in this one, every device on its own MQTT connection to
// 127.0.0.1. Measures the time from CreateJob to COMPLETED, execution
// updates per second, and each process's peak RSS. Bounded in time, stops
// by itself, prints a table. `tsx bench/fleet.ts 1000` runs one size.
import { readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateJobCommand, DescribeJobCommand, IoTClient } from '@aws-sdk/client-iot'
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { firmwareImage, sha256Of } from '../fleet/demo/firmware-image.ts'
import { createFleet, type Fleet } from '../fleet/fleet-runner.ts'
import { createRandom } from '../fleet/random.ts'
import { createRealTimeScheduler } from '../fleet/scheduler.ts'
import { createMqttTransport } from '../fleet/transport/mqtt-transport.ts'
import { ADMIN_CREDENTIALS, BUCKET_NAMES, REGION } from '../local/config.ts'
import { arnOfGroup, createGroupOf, createThings } from '../local/testing/fleet-helpers.ts'
import { freePort, kill, spawnLocalCloud } from '../local/testing/local-cloud-process.ts'

const SIZES = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0)
const CLOCK_SPEED = 60
// AWS's ceiling for maximumPerMinute, and the local cloud's rate with no
// rollout configuration: the fastest a job can notify things. At clock ×60
// that is 1,000 things a real second.
const MAXIMUM_PER_MINUTE = 1000
const CONNECT_TIMEOUT_MS = 180_000
const JOB_TIMEOUT_MS = 300_000
const PRESIGNER_ROLE_ARN = 'arn:aws:iam::000000000000:role/fleetdeck-iot-presigner'

interface Row {
  readonly devices: number
  readonly connectSeconds: number
  readonly jobSeconds: number
  readonly succeeded: number
  readonly updates: number
  readonly cloudPeakRssMb: number
  readonly simulatorPeakRssMb: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Peak resident set (VmHWM) of a Linux process, in MB. */
function peakRssMb(pid: number | 'self'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0)
  return Math.round(kb / 1024)
}

/** Resets this process's peak RSS (Linux clear_refs), so each size reports its own. */
function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
  } catch {
    // Not Linux, or not allowed: the peak then covers earlier sizes too.
  }
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${what}`)
    await sleep(250)
  }
}

const onlineCount = (fleet: Fleet) =>
  [...fleet.devices.values()].filter((device) => device.isOnline()).length

async function measure(devices: number): Promise<Row> {
  resetPeakRss()
  const dataDir = await mkdtemp(join(tmpdir(), 'fleetdeck-bench-'))
  const mqttPort = await freePort()
  const cloud = await spawnLocalCloud({
    port: await freePort(),
    mqttPort,
    dataDir,
    clockSpeed: CLOCK_SPEED,
  })
  const clientConfig = { region: REGION, endpoint: cloud.endpoint, credentials: ADMIN_CREDENTIALS }
  const iot = new IoTClient(clientConfig)
  const s3 = new S3Client({ ...clientConfig, forcePathStyle: true })
  const scheduler = createRealTimeScheduler()
  let fleet: Fleet | undefined
  try {
    const things = await createThings(iot, devices, 'bench')
    const group = await createGroupOf(iot, things)
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET_NAMES.firmwareBucket }))
    const image = firmwareImage('lamp-v2', '2.0.0')
    const key = 'lamp-v2/2.0.0/firmware.bin'
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET_NAMES.firmwareBucket, Key: key, Body: image }),
    )

    fleet = createFleet({
      devices: things.map((thingName) => ({
        thingName,
        model: 'lamp-v2',
        firmwareVersion: '1.0.0',
      })),
      // Connections spread over a few seconds, as a fleet comes up; short reboots.
      knobs: { connectDelayMs: devices / 2, jitter: 1, rebootMs: 200, progressReports: 1 },
      random: createRandom(1),
      scheduler,
      transport: createMqttTransport({ url: `mqtt://127.0.0.1:${mqttPort}` }),
    })
    const connectStarted = performance.now()
    fleet.start()
    const running = fleet
    await until(() => onlineCount(running) === devices, CONNECT_TIMEOUT_MS, 'devices online')
    const connectSeconds = (performance.now() - connectStarted) / 1000

    const updatesBefore = running.counters.updates
    const jobId = `bench-${devices}`
    const jobStarted = performance.now()
    await iot.send(
      new CreateJobCommand({
        jobId,
        targets: [arnOfGroup(group)],
        jobExecutionsRolloutConfig: { maximumPerMinute: MAXIMUM_PER_MINUTE },
        presignedUrlConfig: { roleArn: PRESIGNER_ROLE_ARN, expiresInSec: 3600 },
        document: JSON.stringify({
          operation: 'install',
          url: `\${aws:iot:s3-presigned-url:https://s3.${REGION}.amazonaws.com/${BUCKET_NAMES.firmwareBucket}/${key}}`,
          version: '2.0.0',
          sha256: sha256Of(image),
          size: image.length,
          forced: false,
        }),
      }),
    )
    let succeeded = 0
    await until(
      async () => {
        const { job } = await iot.send(new DescribeJobCommand({ jobId }))
        succeeded = job?.jobProcessDetails?.numberOfSucceededThings ?? 0
        return job?.status === 'COMPLETED'
      },
      JOB_TIMEOUT_MS,
      `job ${jobId} to complete`,
    )
    const jobSeconds = (performance.now() - jobStarted) / 1000
    return {
      devices,
      connectSeconds,
      jobSeconds,
      succeeded,
      updates: running.counters.updates - updatesBefore,
      cloudPeakRssMb: peakRssMb(cloud.child.pid ?? 0),
      simulatorPeakRssMb: peakRssMb('self'),
    }
  } finally {
    await fleet?.stop()
    scheduler.stop()
    iot.destroy()
    s3.destroy()
    await kill(cloud, 'SIGTERM')
    await rm(dataDir, { recursive: true, force: true })
  }
}

const rows: Row[] = []
for (const devices of SIZES.length > 0 ? SIZES : [1_000, 10_000]) rows.push(await measure(devices))
console.log(
  `\nFirmware rollout (install, reboot, SUCCEEDED) over MQTT, one connection per device, clock ×${CLOCK_SPEED}, maximumPerMinute ${MAXIMUM_PER_MINUTE}`,
)
console.table(
  rows.map((row) => ({
    devices: row.devices,
    'all online (s)': Number(row.connectSeconds.toFixed(1)),
    'CreateJob → COMPLETED (s)': Number(row.jobSeconds.toFixed(1)),
    succeeded: row.succeeded,
    'execution updates': row.updates,
    'updates/s': Math.round(row.updates / row.jobSeconds),
    'local cloud peak RSS (MB)': row.cloudPeakRssMb,
    'simulator peak RSS (MB)': row.simulatorPeakRssMb,
  })),
)
