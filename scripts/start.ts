import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import {
  ADMIN_CREDENTIALS,
  DEFAULT_DASHBOARD_PORT,
  dashboardOrigins,
  readConfig,
} from '../local/config.ts'
import { writeLocalDashboardConfig } from '../local/seed/dashboard-config.ts'
import { describeSeed, seedDemo } from '../local/seed/demo-seed.ts'
import { startLocalCloud } from '../local/start.ts'

/**
 * `npm start`: the local cloud, the demo fleet's simulated devices and the
 * built dashboard, together, on the loopback. The users, pools and buckets
 * are seeded in-process; the demo fleet (things, groups, firmware) is made
 * by the simulator over the wire, the way it would reach AWS.
 *
 * The simulator runs as a child process (fleet/cli.ts --demo) rather than
 * in this one: it can then only reach the cloud over the wire, as the lint
 * boundaries already require of fleet/, its 200 connections and timers do
 * not share an event loop with the cloud that answers them, and it can be
 * stopped (and reports its own shutdown) independently. An IPC channel ties
 * it to this process: if this one dies, the simulator leaves too.
 */
const config = readConfig(process.env)
const DASHBOARD_PORT = config.dashboardPort ?? DEFAULT_DASHBOARD_PORT
const SIMULATOR_READY_TIMEOUT_MS = 120_000
const CHILD_EXIT_TIMEOUT_MS = 10_000

const DASHBOARD_DIR = new URL('../dist/', import.meta.url)
if (!existsSync(new URL('index.html', DASHBOARD_DIR))) {
  console.error('No dashboard build in dist/: run `npm start`, which builds it first.')
  process.exit(1)
}
// Per-device faults for the simulator (docs/simulator.md, "Fault injection"); e2e sets it.
const simulatorFaults = process.env.FLEETDECK_SIMULATOR_FAULTS || undefined
if (simulatorFaults !== undefined && !existsSync(simulatorFaults)) {
  console.error(`FLEETDECK_SIMULATOR_FAULTS names ${simulatorFaults}, which does not exist.`)
  process.exit(1)
}

const cloud = await startLocalCloud(config)
const seed = await seedDemo(cloud.cloud, {
  endpoint: cloud.endpoint,
  dashboardOrigins: dashboardOrigins(config),
})
// The served build reads its settings from /config.json, as a deployed one
// does; the preview server answers it from <dataDir>/dashboard-config.json
// (vite.config.ts), which points at the local cloud.
await writeLocalDashboardConfig(seed, config.dataDir)

const children: ChildProcess[] = []
let stopping = false

const simulator = spawn(
  process.execPath,
  [
    '--no-warnings',
    '--import',
    'tsx',
    'fleet/cli.ts',
    '--demo',
    '--api-endpoint',
    cloud.endpoint,
    '--endpoint',
    cloud.mqttEndpoint,
    '--status-interval-ms',
    '0',
    ...(simulatorFaults === undefined ? [] : ['--faults', resolve(simulatorFaults)]),
  ],
  { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
)
children.push(simulator)
simulator.on('exit', (code, signal) => {
  if (!stopping) {
    console.error(`The device simulator stopped (exit ${code ?? signal}).`)
    void stop(1)
  }
})
// Its first lines say what the demo fleet is; then it is quiet.
const simulatorSummary = await new Promise<string[]>((resolve, reject) => {
  const lines: string[] = []
  const timer = setTimeout(
    () => reject(new Error('The device simulator did not start in time.')),
    SIMULATOR_READY_TIMEOUT_MS,
  )
  if (simulator.stdout === null) throw new Error('The simulator has no output pipe.')
  const reader = createInterface({ input: simulator.stdout })
  reader.on('line', (line) => {
    if (stopping) return
    lines.push(line)
    if (line.startsWith('Simulating ')) {
      clearTimeout(timer)
      resolve(lines)
    }
  })
  simulator.once('exit', () => {
    clearTimeout(timer)
    reject(new Error('The device simulator exited before its devices connected.'))
  })
}).catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  return stop(1)
})

const dashboard = spawn(
  process.execPath,
  [
    'node_modules/vite/bin/vite.js',
    'preview',
    '--host',
    '127.0.0.1',
    '--port',
    String(DASHBOARD_PORT),
    '--strictPort',
  ],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, FLEETDECK_DATA_DIR: config.dataDir },
  },
)
children.push(dashboard)
dashboard.on('exit', (code) => {
  if (!stopping) {
    console.error(`The dashboard server stopped (exit ${code}).`)
    void stop(1)
  }
})

console.log(
  `Local cloud:  ${cloud.endpoint}  (region us-east-1, credentials ${ADMIN_CREDENTIALS.accessKeyId}/${ADMIN_CREDENTIALS.secretAccessKey}, data in ${config.dataDir})`,
)
console.log(`Dashboard:    http://127.0.0.1:${DASHBOARD_PORT}`)
console.log(
  `Devices:      ${cloud.mqttsEndpoint}  (MQTT over mutual TLS; trust the CA in ${cloud.rootCaPath})`,
)
console.log(describeSeed(seed))
console.log(simulatorSummary.join('\n'))
console.log('Press Ctrl+C to stop.')

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve()
    }, CHILD_EXIT_TIMEOUT_MS)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/** Children first (the devices disconnect while the cloud still answers), then the cloud, which flushes its store. */
let stopped: Promise<never> | undefined
function stop(code: number): Promise<never> {
  stopping = true
  stopped ??= (async () => {
    for (const child of children) child.kill('SIGTERM')
    await Promise.all(children.map(exited))
    await cloud.stop()
    process.exit(code)
  })()
  return stopped
}

process.once('SIGINT', () => void stop(0))
process.once('SIGTERM', () => void stop(0))
