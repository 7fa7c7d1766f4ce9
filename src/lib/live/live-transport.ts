import type { SessionCredentials } from '@/lib/auth/session-credentials.ts'

/**
 * The seam between the connection manager and MQTT: one established
 * connection, signed with one set of credentials. mqtt-transport.ts is the
 * real one (mqtt.js over a signed WebSocket); unit tests pass a fake.
 */
export interface LiveConnection {
  /** Resolves once the broker answered, with the filters it refused (SUBACK 0x80). */
  readonly subscribe: (filters: readonly string[]) => Promise<readonly string[]>
  readonly unsubscribe: (filters: readonly string[]) => void
  /** Closes the socket; `onClose` follows. */
  readonly close: () => void
}

export interface LiveConnectionEvents {
  readonly onMessage: (topic: string, payload: Uint8Array) => void
  /** The connection ended, whoever ended it. */
  readonly onClose: () => void
}

/** Resolves once the broker accepted the connection (CONNACK); rejects when it did not. */
export type ConnectLive = (
  credentials: SessionCredentials,
  events: LiveConnectionEvents,
) => Promise<LiveConnection>
