import { randomBytes } from 'node:crypto'
import { fleetdeckRoleOf } from '../../domain/permissions.ts'
import { ACCOUNT_ID, ADMIN_CREDENTIALS } from '../config.ts'
import type { Caller, CredentialDirectory } from '../edge/authenticate.ts'
import type { LocalCloudSchema, SessionRecord } from '../state/records.ts'
import type { Store } from '../store/store.ts'

/**
 * Temporary credentials for an assumed role, as STS issues them to the
 * identity pool (GetCredentialsForIdentity) and to the Jobs service when it
 * pre-signs S3 URLs for devices. They are stored, so a browser's session
 * survives a restart of the local cloud, and they expire on the real clock.
 */
export interface IssuedCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken: string
  readonly expiresAtMs: number
}

// STS's key id alphabet and prefix for temporary credentials.
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

function accessKeyId(): string {
  const bytes = randomBytes(16)
  return `ASIA${Array.from(bytes, (byte) => KEY_ALPHABET[byte % 32]).join('')}`
}

export class TemporaryCredentials {
  constructor(
    private readonly store: Store<LocalCloudSchema>,
    private readonly realNow: () => number = Date.now,
  ) {}

  issue(roleArn: string, sessionName: string, lifetimeMs: number): IssuedCredentials {
    this.#dropExpired()
    const record: SessionRecord = {
      accessKeyId: accessKeyId(),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      roleArn,
      sessionName,
      expiresAtMs: this.realNow() + lifetimeMs,
    }
    this.store.put('sessions', record.accessKeyId, record)
    return record
  }

  lookup(accessKeyId: string): Caller | undefined {
    const session = this.store.get('sessions', accessKeyId)
    if (session === undefined) return undefined
    const roleName = session.roleArn.split('/').pop() ?? ''
    return {
      credentials: session,
      expiresAtMs: session.expiresAtMs,
      principal: {
        role: fleetdeckRoleOf(session.roleArn),
        accessKeyId,
        arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${roleName}/${session.sessionName}`,
      },
    }
  }

  // Expired sessions stay answerable (ExpiredToken) for a day, then go.
  #dropExpired(): void {
    const horizon = this.realNow() - 24 * 60 * 60 * 1000
    for (const [key, session] of this.store.entries('sessions')) {
      if (session.expiresAtMs < horizon) this.store.delete('sessions', key)
    }
  }
}

/** The account's fixed admin key, for tools and seeding. */
export const adminCredentials: CredentialDirectory = {
  lookup: (accessKeyId) =>
    accessKeyId === ADMIN_CREDENTIALS.accessKeyId
      ? {
          credentials: ADMIN_CREDENTIALS,
          principal: { role: 'admin', accessKeyId, arn: `arn:aws:iam::${ACCOUNT_ID}:root` },
        }
      : undefined,
}

/** Looks a key up in each directory in turn. */
export function chainDirectories(
  ...directories: readonly CredentialDirectory[]
): CredentialDirectory {
  return {
    lookup: (accessKeyId) => {
      for (const directory of directories) {
        const caller = directory.lookup(accessKeyId)
        if (caller !== undefined) return caller
      }
      return undefined
    },
  }
}
