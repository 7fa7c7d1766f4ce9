/**
 * The job id of a submission in flight, kept so the same submission always
 * names the same job: a double click, a retry after a network error, or a
 * reload of the tab during creation sends CreateJob with the id of the first
 * attempt, and AWS answers ResourceAlreadyExists instead of creating a second
 * job. The entry lives in memory (a React ref: enough for double clicks and
 * retries, and it works when sessionStorage is disabled or full) and in
 * sessionStorage (for a reload). It is keyed by a fingerprint of the exact
 * CreateJob request (document text, options, targets, template), so any
 * change starts a new submission with a new id. An operator-presigned URL is
 * the one part of the document that differs each time it is signed, so the
 * fingerprint holds a stand-in for it and the entry keeps the URL itself, to
 * send the same document again. The entry is dropped once the job exists,
 * or when AWS says the id belongs to another job.
 */
export interface PendingSubmission {
  readonly fingerprint: string
  readonly jobId: string
  readonly operatorUrl?: { readonly url: string; readonly expiresAtMs: number }
  readonly savedAtMs: number
}

export const PENDING_SUBMISSION_KEY = 'fleetdeck.jobs.pending-submission'
/** An entry older than this is a submission the operator walked away from. */
export const PENDING_SUBMISSION_MAX_AGE_MS = 60 * 60 * 1000

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export interface PendingStores {
  readonly memory: { current: PendingSubmission | undefined }
  readonly storage: KeyValueStorage | undefined
}

/** sessionStorage, or nothing where reading the property itself throws (storage disabled). */
export function sessionStorageIfAvailable(): KeyValueStorage | undefined {
  try {
    return globalThis.sessionStorage
  } catch {
    return undefined
  }
}

function isEntry(value: unknown): value is PendingSubmission {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Partial<PendingSubmission>
  const url = entry.operatorUrl as
    Partial<NonNullable<PendingSubmission['operatorUrl']>> | undefined
  return (
    typeof entry.fingerprint === 'string' &&
    typeof entry.jobId === 'string' &&
    typeof entry.savedAtMs === 'number' &&
    (url === undefined || (typeof url.url === 'string' && typeof url.expiresAtMs === 'number'))
  )
}

function readStorage(storage: KeyValueStorage | undefined): PendingSubmission | undefined {
  if (storage === undefined) return undefined
  try {
    const value = JSON.parse(storage.getItem(PENDING_SUBMISSION_KEY) ?? 'null') as unknown
    return isEntry(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** The pending submission with this fingerprint, if one is fresh. */
export function findPendingSubmission(
  stores: PendingStores,
  fingerprint: string,
  nowMs: number,
): PendingSubmission | undefined {
  const fresh = (entry: PendingSubmission | undefined) =>
    entry !== undefined &&
    entry.fingerprint === fingerprint &&
    nowMs - entry.savedAtMs < PENDING_SUBMISSION_MAX_AGE_MS
      ? entry
      : undefined
  return fresh(stores.memory.current) ?? fresh(readStorage(stores.storage))
}

export function savePendingSubmission(stores: PendingStores, entry: PendingSubmission): void {
  stores.memory.current = entry
  try {
    stores.storage?.setItem(PENDING_SUBMISSION_KEY, JSON.stringify(entry))
  } catch {
    // Storage full or disabled: the entry in memory still holds for this page.
  }
}

export function clearPendingSubmission(stores: PendingStores): void {
  stores.memory.current = undefined
  try {
    stores.storage?.removeItem(PENDING_SUBMISSION_KEY)
  } catch {
    // Nothing to clear where storage is disabled.
  }
}

/** A stable text for a value: object keys sorted, so equal choices give equal fingerprints. */
export function fingerprintOf(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'object' && inner !== null && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : inner,
  )
}
