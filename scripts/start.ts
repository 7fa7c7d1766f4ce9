import { spawn } from 'node:child_process'
import {
  ADMIN_CREDENTIALS,
  DEFAULT_DASHBOARD_PORT,
  dashboardOrigins,
  readConfig,
} from '../local/config.ts'
import { describeSeed, seedDemo } from '../local/seed/demo-seed.ts'
import { startLocalCloud } from '../local/start.ts'

/**
 * `npm start`: the local cloud and the built dashboard, together, on the
 * loopback, with the demo users, pools and buckets seeded. (The device
 * fleet simulator joins them when it exists.)
 */
const config = readConfig(process.env)
const DASHBOARD_PORT = config.dashboardPort ?? DEFAULT_DASHBOARD_PORT
const cloud = await startLocalCloud(config)
const seed = await seedDemo(cloud.cloud, {
  endpoint: cloud.endpoint,
  dashboardOrigins: dashboardOrigins(config),
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
  { stdio: ['ignore', 'ignore', 'inherit'] },
)

console.log(
  `Local cloud:  ${cloud.endpoint}  (region us-east-1, credentials ${ADMIN_CREDENTIALS.accessKeyId}/${ADMIN_CREDENTIALS.secretAccessKey}, data in ${config.dataDir})`,
)
console.log(`Dashboard:    http://127.0.0.1:${DASHBOARD_PORT}`)
console.log(
  `Devices:      ${cloud.mqttsEndpoint}  (MQTT over mutual TLS; trust the CA in ${cloud.rootCaPath})`,
)
console.log(describeSeed(seed))
console.log('Press Ctrl+C to stop.')

let stopping = false
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true
    dashboard.kill('SIGTERM')
    await cloud.stop()
  }
  process.exit(code)
}

dashboard.on('exit', (code) => {
  if (!stopping) {
    console.error(`The dashboard server stopped (exit ${code}).`)
    void stop(1)
  }
})
process.once('SIGINT', () => void stop(0))
process.once('SIGTERM', () => void stop(0))
