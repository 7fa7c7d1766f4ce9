import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createScaledClock, reanchor } from './clock.ts'
import { createLocalCloud, type LocalCloud } from './cloud.ts'
import type { LocalCloudConfig } from './config.ts'
import type { CredentialDirectory } from './edge/authenticate.ts'
import { toNodeListener } from './edge/node-adapter.ts'
import { listenMqttTcp } from './mqtt/tcp-listener.ts'
import { startMutualTls } from './mqtt/mutual-tls.ts'
import { attachMqttWebSocket } from './mqtt/websocket-listener.ts'
import { createOriginPolicy } from './edge/origins.ts'
import { openFileBlobStore } from './s3/file-blob-store.ts'
import type { LocalCloudSchema } from './state/records.ts'
import { openFileStore } from './store/file-store.ts'

/** How often the engine looks for due work, in real milliseconds. */
export const TICK_INTERVAL_MS = 100

export interface RunningLocalCloud {
  readonly cloud: LocalCloud
  readonly server: Server
  readonly endpoint: string
  /** mqtt://host:port of the plain TCP listener (a loopback convenience; see local/mqtt/tcp-listener.ts). */
  readonly mqttEndpoint: string
  /** mqtts://host:port of the mutual-TLS listener (device certificates; see local/mqtt/tls-listener.ts). */
  readonly mqttsEndpoint: string
  /** The local CA in PEM (`<dataDir>/root-ca.pem`): devices trust it instead of Amazon's root CA. */
  readonly rootCaPath: string
  stop(): Promise<void>
}

/**
 * Opens the data directory, restores the emulated clock's timeline, binds the
 * edge and starts the engine's tick. Used by main.ts and by tests that want a
 * real server (port 0 picks a free one).
 */
export async function startLocalCloud(
  config: LocalCloudConfig,
  options: { credentials?: CredentialDirectory } = {},
): Promise<RunningLocalCloud> {
  const store = await openFileStore<LocalCloudSchema>(
    config.dataDir,
    config.compactAfterBytes === undefined ? {} : { compactAfterBytes: config.compactAfterBytes },
  )
  const now = Date.now()
  const stored = store.get('clock', 'anchor')
  const anchor =
    stored === undefined
      ? { realMs: now, emulatedMs: now }
      : stored.speed === config.clockSpeed
        ? stored
        : reanchor(stored, stored.speed, now)
  store.put('clock', 'anchor', { ...anchor, speed: config.clockSpeed })
  await store.flush()
  const clock = createScaledClock({ speed: config.clockSpeed, anchor })

  let endpoint = ''
  const origins = createOriginPolicy({
    extraOrigins: config.corsOrigins,
    extraHosts: config.allowedHosts,
  })
  const cloud = await createLocalCloud({
    store,
    clock,
    endpointAddress: () => endpoint,
    origins,
    // S3 object bytes beside the store, under <dataDir>/blobs.
    blobs: await openFileBlobStore(config.dataDir),
    tokenLifetimeCapSeconds: config.tokenLifetimeCapSeconds,
    ...options,
  })
  const server = createServer(toNodeListener(cloud.app))
  const webSockets = attachMqttWebSocket(server, {
    broker: cloud.mqtt,
    credentials: cloud.credentials,
    origins,
    realNow: cloud.realNow,
  })
  // Keep-alive sockets from SDK clients would otherwise hold close() open.
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  endpoint = `http://${config.host}:${port}`
  const mqttServer = await listenMqttTcp(cloud.mqtt, {
    host: config.host,
    // Configs built in code (tests) without a port get a free one; readConfig sets 1883.
    port: config.mqttPort ?? 0,
  })
  const mqttEndpoint = `mqtt://${config.host}:${(mqttServer.address() as AddressInfo).port}`
  const mutualTls = await startMutualTls(cloud, {
    host: config.host,
    // As for mqttPort: readConfig sets 8883, configs built in code get a free port.
    port: config.mqttsPort ?? 0,
    dataDir: config.dataDir,
  })
  const mqttsEndpoint = `mqtts://${config.host}:${mutualTls.listener.port}`

  let ticking = false
  const timer = setInterval(() => {
    if (ticking) return
    ticking = true
    cloud
      .tick()
      .catch((error: unknown) => console.error('local cloud tick failed:', error))
      .finally(() => {
        ticking = false
      })
  }, TICK_INTERVAL_MS)

  return {
    cloud,
    server,
    endpoint,
    mqttEndpoint,
    mqttsEndpoint,
    rootCaPath: mutualTls.rootCaPath,
    stop: async () => {
      clearInterval(timer)
      server.closeAllConnections()
      for (const client of webSockets.clients) client.terminate()
      const mqttClosed = new Promise<void>((resolve) => mqttServer.close(() => resolve()))
      const mqttsClosed = mutualTls.listener.close()
      await cloud.mqtt.close()
      await mqttClosed
      await mqttsClosed
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await store.close()
    },
  }
}
