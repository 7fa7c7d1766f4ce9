import { resolve } from 'node:path'

/** The fixed identity of the emulated account (documented in docs/local-cloud.md). */
export const REGION = 'us-east-1'
export const ACCOUNT_ID = '000000000000'

/** Credentials for tools and seeding scripts; they act as the account's administrator. */
export const ADMIN_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const

export interface LocalCloudConfig {
  readonly host: string
  readonly port: number
  readonly dataDir: string
  /** Emulated seconds per real second. */
  readonly clockSpeed: number
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

function positiveNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0)
    throw new ConfigError(`${name} must be a positive number; got "${raw}".`)
  return value
}

export function readConfig(env: NodeJS.ProcessEnv): LocalCloudConfig {
  const port = positiveNumber('FLEETDECK_PORT', env.FLEETDECK_PORT, 4566)
  if (!Number.isInteger(port) || port > 65_535)
    throw new ConfigError(`FLEETDECK_PORT must be a port number; got "${env.FLEETDECK_PORT}".`)
  return {
    // Loopback only unless someone asks otherwise: the admin credentials are public.
    host: env.FLEETDECK_HOST ?? '127.0.0.1',
    port,
    dataDir: resolve(env.FLEETDECK_DATA_DIR ?? '.fleetdeck/data'),
    clockSpeed: positiveNumber('FLEETDECK_CLOCK_SPEED', env.FLEETDECK_CLOCK_SPEED, 1),
  }
}
