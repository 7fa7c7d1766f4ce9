import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { IoTClient } from '@aws-sdk/client-iot'
import { z } from 'zod'
import {
  certificatesFromDirectory,
  ensureDevicePolicy,
  provisionedCertificates,
} from './certificates.ts'
import { createFleet, type DeviceSpec } from './fleet-runner.ts'
import { knobsSchema, type KnobsInput } from './knobs.ts'
import { createRandom } from './random.ts'
import { createRealTimeScheduler } from './scheduler.ts'
import { formatSoakTable, runSoak } from './soak.ts'
import { createMqttTransport } from './transport/mqtt-transport.ts'

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
  knobs: knobsSchema.partial().optional(),
  devices: z.array(
    z.strictObject({
      thingName: z.string(),
      model: z.string(),
      firmwareVersion: z.string(),
      configuration: z.record(z.string(), z.unknown()).optional(),
      knobs: knobsSchema.partial().optional(),
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
  let devices: DeviceSpec[]
  let fileKnobs: Partial<KnobsInput> | undefined
  if (values.fleet !== undefined) {
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

  if (values.transport === 'https')
    throw new Error(
      '--transport https is not implemented yet; use mtls or tcp (docs/simulator.md).',
    )
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
  const endpoint = values.endpoint.includes('://')
    ? values.endpoint
    : `${isTls ? 'mqtts' : 'mqtt'}://${values.endpoint}:${isTls ? 8883 : 1883}`

  const scheduler = createRealTimeScheduler()
  const fleet = createFleet({
    devices,
    knobs: {
      ...fileKnobs,
      ...Object.fromEntries(Object.entries(flagKnobs).filter(([, v]) => v !== undefined)),
    },
    random: createRandom(Number(values.seed)),
    scheduler,
    transport: createMqttTransport({
      url: endpoint,
      ...(certificates === undefined ? {} : { certificates }),
      ...(values.ca === undefined ? {} : { caPem: await readFile(values.ca, 'utf8') }),
    }),
    log: values.verbose ? (thing, message) => console.log(`${thing}: ${message}`) : () => undefined,
  })
  fleet.start()
  console.log(
    `Simulating ${devices.length} devices on ${endpoint} (${fleet.offline.size} offline).`,
  )
  const status = setInterval(() => {
    const online = [...fleet.devices.values()].filter((device) => device.isOnline()).length
    console.log(`online ${online}/${devices.length}, execution updates ${fleet.counters.updates}`)
  }, 10_000)

  const stop = async () => {
    clearInterval(status)
    await fleet.stop()
    scheduler.stop()
  }
  process.once('SIGINT', () => void stop().then(() => process.exit(0)))

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
