import { resolve } from 'node:path'
import { listFromEnv } from './edge/origins.ts'

/** The fixed identity of the emulated account (documented in docs/local-cloud.md). */
export const REGION = 'us-east-1'
export const ACCOUNT_ID = '000000000000'

/** Credentials for tools and seeding scripts; they act as the account's administrator. */
export const ADMIN_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const

/** The buckets the seed creates and the role permissions name (domain/permissions.ts). */
export const BUCKET_NAMES = {
  firmwareBucket: 'fleetdeck-firmware',
  configBucket: 'fleetdeck-config',
} as const

export const DEFAULT_DASHBOARD_PORT = 5173
export const DEFAULT_MQTT_PORT = 1883
export const DEFAULT_MQTTS_PORT = 8883

export interface LocalCloudConfig {
  readonly host: string
  readonly port: number
  readonly dataDir: string
  /** Emulated seconds per real second. */
  readonly clockSpeed: number
  /** Browser origins allowed besides loopback ones (FLEETDECK_CORS_ORIGINS, comma-separated). */
  readonly corsOrigins: readonly string[]
  /** Host names allowed besides loopback ones (FLEETDECK_ALLOWED_HOSTS, comma-separated). */
  readonly allowedHosts: readonly string[]
  /** Plain MQTT over TCP (FLEETDECK_MQTT_PORT); 0 picks a free port. */
  readonly mqttPort?: number
  /** MQTT over mutual TLS (FLEETDECK_MQTTS_PORT), as devices reach AWS IoT; 0 picks a free port. */
  readonly mqttsPort?: number
  /** Where `npm start` serves the dashboard (FLEETDECK_DASHBOARD_PORT); the seed allows its origins in bucket CORS. */
  readonly dashboardPort?: number
  /** Log size that triggers a snapshot (FLEETDECK_COMPACT_AFTER_BYTES); small values exercise compaction in tests. */
  readonly compactAfterBytes?: number
  /**
   * A test knob (FLEETDECK_TOKEN_LIFETIME_SECONDS): when set, user pool ID and
   * access tokens and identity pool credentials last at most this many
   * seconds, below AWS's 5-minute minimum, so end-to-end tests can watch a
   * session refresh. Refresh tokens and app client settings are unchanged.
   */
  readonly tokenLifetimeCapSeconds?: number
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

function optionalPositiveInteger(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined
  const value = Number(raw)
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(value) || value <= 0)
    throw new ConfigError(`${name} must be a positive whole number of seconds; got "${raw}".`)
  return value
}

function port(name: string, raw: string | undefined, fallback: number): number {
  const value = positiveNumber(name, raw, fallback)
  if (!Number.isInteger(value) || value > 65_535)
    throw new ConfigError(`${name} must be a port number; got "${raw}".`)
  return value
}

function portOrZero(name: string, raw: string | undefined, fallback: number): number {
  return raw === '0' ? 0 : port(name, raw, fallback)
}

/** The browser origins of the dashboard `npm start` serves, and any FLEETDECK_CORS_ORIGINS. */
export function dashboardOrigins(config: LocalCloudConfig): string[] {
  const port = config.dashboardPort ?? DEFAULT_DASHBOARD_PORT
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...config.corsOrigins]
}

export function readConfig(env: NodeJS.ProcessEnv): LocalCloudConfig {
  const tokenLifetimeCapSeconds = optionalPositiveInteger(
    'FLEETDECK_TOKEN_LIFETIME_SECONDS',
    env.FLEETDECK_TOKEN_LIFETIME_SECONDS,
  )
  return {
    // Loopback only unless someone asks otherwise: the admin credentials are public.
    host: env.FLEETDECK_HOST ?? '127.0.0.1',
    port: port('FLEETDECK_PORT', env.FLEETDECK_PORT, 4566),
    dataDir: resolve(env.FLEETDECK_DATA_DIR ?? '.fleetdeck/data'),
    clockSpeed: positiveNumber('FLEETDECK_CLOCK_SPEED', env.FLEETDECK_CLOCK_SPEED, 1),
    corsOrigins: listFromEnv(env.FLEETDECK_CORS_ORIGINS),
    mqttPort: portOrZero('FLEETDECK_MQTT_PORT', env.FLEETDECK_MQTT_PORT, DEFAULT_MQTT_PORT),
    mqttsPort: portOrZero('FLEETDECK_MQTTS_PORT', env.FLEETDECK_MQTTS_PORT, DEFAULT_MQTTS_PORT),
    dashboardPort: port(
      'FLEETDECK_DASHBOARD_PORT',
      env.FLEETDECK_DASHBOARD_PORT,
      DEFAULT_DASHBOARD_PORT,
    ),
    allowedHosts: listFromEnv(env.FLEETDECK_ALLOWED_HOSTS),
    ...(env.FLEETDECK_COMPACT_AFTER_BYTES === undefined
      ? {}
      : {
          compactAfterBytes: positiveNumber(
            'FLEETDECK_COMPACT_AFTER_BYTES',
            env.FLEETDECK_COMPACT_AFTER_BYTES,
            0,
          ),
        }),
    ...(tokenLifetimeCapSeconds === undefined ? {} : { tokenLifetimeCapSeconds }),
  }
}
