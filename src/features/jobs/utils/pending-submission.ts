/**
 * The job id of a submission in flight, kept in sessionStorage so the same
 * submission always names the same job: a double click, a retry after a
 * network error, or a reload of the tab during creation sends CreateJob
 * with the id of the first attempt, and AWS answers ResourceAlreadyExists
 * instead of creating a second job. The entry is keyed by a fingerprint of
 * everything the operator chose; any change starts a new submission with a
 * new id. An operator-presigned URL is kept with it, since signing again
 * would give a different document. The entry is dropped once the job exists.
 */
export interface PendingSubmission {
  readonly fingerprint: string
  readonly jobId: string
  readonly operatorUrl?: string
  readonly savedAtMs: number
}

export const PENDING_SUBMISSION_KEY = 'fleetdeck.jobs.pending-submission'
/** An entry older than this is a submission the operator walked away from. */
export const PENDING_SUBMISSION_MAX_AGE_MS = 60 * 60 * 1000

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

function read(storage: KeyValueStorage): PendingSubmission | undefined {
  try {
    const value = JSON.parse(storage.getItem(PENDING_SUBMISSION_KEY) ?? 'null') as unknown
    if (typeof value !== 'object' || value === null) return undefined
    const entry = value as Partial<PendingSubmission>
    return typeof entry.fingerprint === 'string' &&
      typeof entry.jobId === 'string' &&
      typeof entry.savedAtMs === 'number'
      ? (entry as PendingSubmission)
      : undefined
  } catch {
    return undefined
  }
}

/** The pending submission for this fingerprint, or a new one from `start`. */
export function pendingSubmission(
  storage: KeyValueStorage,
  fingerprint: string,
  start: () => Omit<PendingSubmission, 'fingerprint' | 'savedAtMs'>,
  nowMs: number,
): PendingSubmission {
  const existing = read(storage)
  if (
    existing !== undefined &&
    existing.fingerprint === fingerprint &&
    nowMs - existing.savedAtMs < PENDING_SUBMISSION_MAX_AGE_MS
  ) {
    return existing
  }
  const entry: PendingSubmission = { ...start(), fingerprint, savedAtMs: nowMs }
  try {
    storage.setItem(PENDING_SUBMISSION_KEY, JSON.stringify(entry))
  } catch {
    // Storage full or disabled: the id still holds for this page's lifetime.
  }
  return entry
}

export function clearPendingSubmission(storage: KeyValueStorage): void {
  storage.removeItem(PENDING_SUBMISSION_KEY)
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
