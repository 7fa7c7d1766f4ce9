import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

/**
 * The local cloud as its own OS process, started the way `npm run local`
 * starts it, so a test can SIGKILL it and start it again on the same data.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : 0),
      )
    })
  })
}

export interface LocalCloudProcess {
  readonly child: ChildProcess
  readonly endpoint: string
  output(): string
}

export async function spawnLocalCloud(env: {
  port: number
  dataDir: string
  clockSpeed: number
  compactAfterBytes?: number
  /** The plain MQTT listener's port; a free one (unknown to the caller) by default. */
  mqttPort?: number
}): Promise<LocalCloudProcess> {
  let output = ''
  // One process (node --import tsx), so SIGKILL reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      FLEETDECK_PORT: String(env.port),
      FLEETDECK_DATA_DIR: env.dataDir,
      FLEETDECK_CLOCK_SPEED: String(env.clockSpeed),
      // Several test files run local clouds at once; each takes free MQTT ports.
      FLEETDECK_MQTT_PORT: String(env.mqttPort ?? 0),
      FLEETDECK_MQTTS_PORT: '0',
      ...(env.compactAfterBytes === undefined
        ? {}
        : { FLEETDECK_COMPACT_AFTER_BYTES: String(env.compactAfterBytes) }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const endpoint = `http://127.0.0.1:${env.port}`
  const deadline = Date.now() + 20_000
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`The local cloud exited (${child.exitCode}):\n${output}`)
    try {
      const response = await fetch(`${endpoint}/_fleetdeck/health`)
      if (response.ok) break
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`The local cloud did not become healthy:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { child, endpoint, output: () => output }
}

export async function kill(
  process: LocalCloudProcess,
  signal: NodeJS.Signals = 'SIGKILL',
): Promise<void> {
  if (process.child.exitCode !== null || process.child.signalCode !== null) return
  const exited = new Promise((resolve) => process.child.once('exit', resolve))
  process.child.kill(signal)
  await exited
}
