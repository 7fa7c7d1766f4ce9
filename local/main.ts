import { ADMIN_CREDENTIALS, ConfigError, dashboardOrigins, readConfig } from './config.ts'
import { writeLocalDashboardConfig } from './seed/dashboard-config.ts'
import { describeSeed, seedDemo } from './seed/demo-seed.ts'
import { startLocalCloud } from './start.ts'

/**
 * `npm run local`: the local cloud alone, configured by FLEETDECK_* environment
 * variables. `npm run local -- --seed` also creates the demo users, pools and
 * buckets (or finds them from an earlier run) and prints how to sign in.
 */
const USAGE = 'usage: npm run local [-- --seed]'

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const unknown = args.filter((arg) => arg !== '--seed')
  if (unknown.length > 0) throw new ConfigError(`Unknown argument ${unknown.join(' ')}; ${USAGE}`)
  const config = readConfig(process.env)
  const running = await startLocalCloud(config)
  console.log(
    `Fleetdeck local cloud on ${running.endpoint} (data: ${config.dataDir}, clock ×${config.clockSpeed}); ` +
      `credentials ${ADMIN_CREDENTIALS.accessKeyId}/${ADMIN_CREDENTIALS.secretAccessKey}, region us-east-1.`,
  )
  console.log(
    `MQTT: ${running.mqttsEndpoint} (mutual TLS, device certificates; trust the CA in ${running.rootCaPath}), ` +
      `${running.mqttEndpoint} (plain, loopback tools).`,
  )
  if (args.includes('--seed')) {
    const seed = await seedDemo(running.cloud, {
      endpoint: running.endpoint,
      dashboardOrigins: dashboardOrigins(config),
    })
    await writeLocalDashboardConfig(seed, config.dataDir)
    console.log(describeSeed(seed))
    console.log('Dashboard config written for `npm run dev`.')
  }
  const shutdown = (signal: string) => {
    console.log(`${signal}: stopping the local cloud.`)
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.once('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error)
  process.exit(1)
})
