import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalCloud } from '../../local/start.ts'
import type { Teardown } from './teardown.ts'

/**
 * A local cloud for one benchmark run: loopback only, free ports, real time,
 * a fresh data directory; both are removed by the teardown, the cloud first.
 */
export async function startBenchCloud(teardown: Teardown, name: string) {
  const dataDir = await mkdtemp(join(tmpdir(), `fleetdeck-bench-${name}-`))
  teardown.add('the temporary data directory', () => rm(dataDir, { recursive: true, force: true }))
  const running = await startLocalCloud({
    host: '127.0.0.1',
    port: 0,
    mqttPort: 0,
    mqttsPort: 0,
    dataDir,
    clockSpeed: 1,
    corsOrigins: [],
    allowedHosts: [],
  })
  teardown.add('the local cloud', () => running.stop())
  return running
}
