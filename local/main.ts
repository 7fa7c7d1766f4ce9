import { ADMIN_CREDENTIALS, ConfigError, readConfig } from './config.ts'
import { startLocalCloud } from './start.ts'

/** `npm run local`: the local cloud alone, configured by FLEETDECK_* environment variables. */
async function main(): Promise<void> {
  const config = readConfig(process.env)
  const running = await startLocalCloud(config)
  console.log(
    `Fleetdeck local cloud on ${running.endpoint} (data: ${config.dataDir}, clock ×${config.clockSpeed}); ` +
      `credentials ${ADMIN_CREDENTIALS.accessKeyId}/${ADMIN_CREDENTIALS.secretAccessKey}, region us-east-1.`,
  )
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
