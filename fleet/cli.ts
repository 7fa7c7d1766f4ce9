import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { IoTClient } from '@aws-sdk/client-iot'
import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane'
import { S3Client } from '@aws-sdk/client-s3'
import { z } from 'zod'
import {
  certificatesFromDirectory,
  ensureDevicePolicy,
  provisionedCertificates,
} from './certificates.ts'
import { describeDemoFleet, ensureDemoFleet } from './demo/ensure-demo-fleet.ts'
import { applyFaults, parseFaultsFile } from './faults-file.ts'
import { createFleet, type DeviceSpec } from './fleet-runner.ts'
import { knobOverridesSchema, type KnobsInput } from './knobs.ts'
import { createRandom } from './random.ts'
import { createRealTimeScheduler } from './scheduler.ts'
import { resumeFromShadows } from './resume-from-shadows.ts'
import { formatSoakTable, runSoak } from './soak.ts'
import { createHttpsTransport } from './transport/https-transport.ts'
import { createMqttTransport } from './transport/mqtt-transport.ts'
import type { Transport } from './transport/transport.ts'

/**
 * `npm run fleet -- …`: plays a fleet against the local cloud or an AWS IoT
 * endpoint, and optionally soak-tests it. docs/simulator.md lists the flags.
 */
const { values } = parseArgs({
  options: {
    endpoint: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
    'api-endpoint': { type: 'string' },
    region: { type: 'string', default: 'us-east-1' },
    account: { type: 'string', default: '000000000000' },
    transport: { type: 'string', default: 'tcp' },
    certs: { type: 'string' },
    ca: { type: 'string' },
    provision: { type: 'boolean', default: false },
    fleet: { type: 'string' },
    demo: { type: 'boolean', default: false },
    faults: { type: 'string' },
    'jobs-endpoint': { type: 'string' },
    'data-endpoint': { type: 'string' },
    'poll-interval-ms': { type: 'string', default: '5000' },
    'status-interval-ms': { type: 'string', default: '10000' },
    count: { type: 'string', default: '10' },
    prefix: { type: 'string', default: 'sim' },
    model: { type: 'string', default: 'lamp-v2' },
    version: { type: 'string', default: '1.0.0' },
    seed: { type: 'string', default: '1' },
    'download-speed': { type: 'string' },
    'reboot-ms': { type: 'string' },
    jitter: { type: 'string' },
    'download-failure-rate': { type: 'string' },
    'checksum-failure-rate': { type: 'string' },
    'boot-failure-rate': { type: 'string' },
    'offline-rate': { type: 'string' },
    'flap-interval-ms': { type: 'string' },
    'connect-delay-ms': { type: 'string' },
    'soak-rounds': { type: 'string' },
    'soak-document': { type: 'string' },
    'soak-target': { type: 'string', multiple: true },
    'soak-role-arn': { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
})

const fleetFileSchema = z.strictObject({
  knobs: knobOverridesSchema.optional(),
  devices: z.array(
    z.strictObject({
      thingName: z.string(),
      model: z.string(),
      firmwareVersion: z.string(),
      configuration: z.record(z.string(), z.unknown()).optional(),
      knobs: knobOverridesSchema.optional(),
    }),
  ),
})

const number = (text: string | undefined) => (text === undefined ? undefined : Number(text))

async function main(): Promise<void> {
  const flagKnobs: Partial<KnobsInput> = {
    downloadBytesPerSecond: number(values['download-speed']),
    rebootMs: number(values['reboot-ms']),
    jitter: number(values.jitter),
    downloadFailureRate: number(values['download-failure-rate']),
    checksumFailureRate: number(values['checksum-failure-rate']),
    bootFailureRate: number(values['boot-failure-rate']),
    offlineRate: number(values['offline-rate']),
    flapIntervalMs: number(values['flap-interval-ms']),
    connectDelayMs: number(values['connect-delay-ms']),
  }
  const adminCredentials = { accessKeyId: 'test', secretAccessKey: 'test' }
  const apiEndpoint = values['api-endpoint']
  let devices: DeviceSpec[]
  let fileKnobs: Partial<KnobsInput> | undefined
  if (values.demo) {
    // The demo fleet (fleet/demo/): made if missing, then each device boots
    // what its shadow last reported, so a restart carries on where it was.
    if (apiEndpoint === undefined) throw new Error('--demo needs --api-endpoint (the local cloud).')
    const clientConfig = {
      region: values.region,
      endpoint: apiEndpoint,
      credentials: adminCredentials,
    }
    const iotAdmin = new IoTClient(clientConfig)
    const s3 = new S3Client({ ...clientConfig, forcePathStyle: true })
    const iotData = new IoTDataPlaneClient(clientConfig)
    try {
      const report = await ensureDemoFleet({ iot: iotAdmin, s3 }, { seed: Number(values.seed) })
      console.log(describeDemoFleet(report))
      devices = await resumeFromShadows(report.devices, iotData)
    } finally {
      iotAdmin.destroy()
      s3.destroy()
      iotData.destroy()
    }
  } else if (values.fleet !== undefined) {
    const file = fleetFileSchema.parse(JSON.parse(await readFile(values.fleet, 'utf8')))
    devices = file.devices
    fileKnobs = file.knobs
  } else {
    const count = Number(values.count)
    devices = Array.from({ length: count }, (_, index) => ({
      thingName: `${values.prefix}-${String(index).padStart(5, '0')}`,
      model: values.model,
      firmwareVersion: values.version,
    }))
  }
  if (values.faults !== undefined) {
    // Injected faults (docs/simulator.md, "Fault injection"), said aloud so nobody debugs them as bugs.
    const faults = parseFaultsFile(await readFile(values.faults, 'utf8'), values.faults)
    devices = applyFaults(devices, faults)
    const faulted = Object.keys(faults.devices)
    console.log(`Faults from ${values.faults} on ${faulted.length} devices: ${faulted.join(', ')}.`)
  }

  const iot =
    values['api-endpoint'] === undefined &&
    values.provision !== true &&
    values['soak-rounds'] === undefined
      ? undefined
      : new IoTClient({
          region: values.region,
          ...(values['api-endpoint'] === undefined
            ? {}
            : {
                endpoint: values['api-endpoint'],
                credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
              }),
        })

  const isTls = values.transport === 'mtls'
  const certificates = !isTls
    ? undefined
    : values.certs !== undefined
      ? certificatesFromDirectory(values.certs)
      : iot !== undefined && values.provision === true
        ? provisionedCertificates(iot, await ensureDevicePolicy(iot, values.region, values.account))
        : undefined
  if (isTls && certificates === undefined)
    throw new Error('--transport mtls needs --certs <dir>, or --provision with --api-endpoint.')
  const mqttUrl = values.endpoint.includes('://')
    ? values.endpoint
    : `${isTls ? 'mqtts' : 'mqtt'}://${values.endpoint}:${isTls ? 8883 : 1883}`

  const scheduler = createRealTimeScheduler()
  const log = values.verbose
    ? (thing: string, message: string) => console.log(`${thing}: ${message}`)
    : () => undefined
  let transport: Transport
  let endpoint: string
  if (values.transport === 'https') {
    const jobsEndpoint = values['jobs-endpoint'] ?? apiEndpoint
    const dataEndpoint = values['data-endpoint'] ?? apiEndpoint
    if (jobsEndpoint === undefined || dataEndpoint === undefined)
      throw new Error(
        '--transport https needs --api-endpoint, or --jobs-endpoint and --data-endpoint.',
      )
    endpoint = jobsEndpoint
    transport = createHttpsTransport({
      jobsEndpoint,
      dataEndpoint,
      region: values.region,
      // The local cloud takes its admin key; on AWS the SDK's usual credential chain.
      ...(apiEndpoint === undefined ? {} : { credentials: adminCredentials }),
      scheduler,
      pollIntervalMs: Number(values['poll-interval-ms']),
      log,
    })
  } else {
    endpoint = mqttUrl
    transport = createMqttTransport({
      url: endpoint,
      ...(certificates === undefined ? {} : { certificates }),
      ...(values.ca === undefined ? {} : { caPem: await readFile(values.ca, 'utf8') }),
    })
  }

  const fleet = createFleet({
    devices,
    knobs: {
      ...fileKnobs,
      ...Object.fromEntries(Object.entries(flagKnobs).filter(([, v]) => v !== undefined)),
    },
    random: createRandom(Number(values.seed)),
    scheduler,
    transport,
    log,
  })
  fleet.start()
  console.log(
    `Simulating ${devices.length} devices on ${endpoint} (${fleet.offline.size} offline).`,
  )
  const statusIntervalMs = Number(values['status-interval-ms'])
  const status =
    statusIntervalMs > 0
      ? setInterval(() => {
          const online = [...fleet.devices.values()].filter((device) => device.isOnline()).length
          console.log(
            `online ${online}/${devices.length}, execution updates ${fleet.counters.updates}`,
          )
        }, statusIntervalMs)
      : undefined

  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(status)
      await fleet.stop()
      scheduler.stop()
      console.log(`Stopped; execution updates sent ${fleet.counters.updates}.`)
    })())
  const stopAndExit = () => void stop().then(() => process.exit(0))
  process.once('SIGINT', stopAndExit)
  process.once('SIGTERM', stopAndExit)
  // Started by another program (npm start) over IPC: leave with it, never orphaned.
  if (process.send !== undefined) process.once('disconnect', stopAndExit)

  if (values['soak-rounds'] !== undefined && iot !== undefined) {
    const document = await readFile(values['soak-document'] ?? '', 'utf8')
    const rounds = await runSoak({
      iot,
      targets: values['soak-target'] ?? [],
      document,
      rounds: Number(values['soak-rounds']),
      ...(values['soak-role-arn'] === undefined
        ? {}
        : { presignedUrlConfig: { roleArn: values['soak-role-arn'] } }),
    })
    console.log(formatSoakTable(rounds))
    await stop()
    process.exitCode = rounds.every((round) => round.failed === 0) ? 0 : 1
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
