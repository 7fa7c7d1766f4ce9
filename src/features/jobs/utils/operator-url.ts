/** An operator-presigned URL and what it was signed for; any change of those drops it. */
export interface SignedUrl {
  readonly imageKey: string
  readonly expiryHours: string
  readonly url: string
  readonly expiresAtMs: number
  readonly cappedByCredentials: boolean
}

/**
 * An operator-presigned URL with less time left than this is signed again at
 * creation: devices fetch the document when the job reaches them, which may
 * be minutes after CreateJob.
 */
export const RESIGN_MARGIN_MS = 10 * 60 * 1000

export const isFreshUrl = (
  url: { readonly expiresAtMs: number } | undefined,
  nowMs: number,
): url is { readonly expiresAtMs: number } =>
  url !== undefined && url.expiresAtMs - nowMs >= RESIGN_MARGIN_MS

/** The signed URL, only if it was signed for this image and expiry. */
export function signedUrlFor(
  signedUrl: SignedUrl | undefined,
  wanted: { readonly imageKey: string | undefined; readonly expiryHours: string },
): SignedUrl | undefined {
  return signedUrl !== undefined &&
    signedUrl.imageKey === wanted.imageKey &&
    signedUrl.expiryHours === wanted.expiryHours
    ? signedUrl
    : undefined
}
