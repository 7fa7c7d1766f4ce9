/**
 * When a URL pre-signed with SigV4 query parameters stops working:
 * X-Amz-Date (yyyyMMddTHHmmssZ) plus X-Amz-Expires seconds. A job document
 * that carries one (an operator-presigned firmware URL, a config-upload PUT
 * URL) cannot simply be sent again once it has expired: every device would
 * fail its download. IoT placeholders are signed at fetch time and never
 * expire in the document.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 */
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/

export function presignedUrlExpiresAtMs(url: string): number | undefined {
  if (!URL.canParse(url)) return undefined
  const query = new URL(url).searchParams
  const date = AMZ_DATE.exec(query.get('X-Amz-Date') ?? '')
  const expires = Number(query.get('X-Amz-Expires') ?? Number.NaN)
  if (date === null || !Number.isInteger(expires) || expires < 0) return undefined
  const [, year, month, day, hour, minute, second] = date.map(Number)
  const signedAtMs = Date.UTC(
    year ?? 0,
    (month ?? 1) - 1,
    day ?? 1,
    hour ?? 0,
    minute ?? 0,
    second ?? 0,
  )
  return signedAtMs + expires * 1000
}

/** Why the document cannot be sent again as it is, or nothing. */
export function expiredDocumentUrlProblem(documentText: string, nowMs: number): string | undefined {
  let document: unknown
  try {
    document = JSON.parse(documentText)
  } catch {
    return undefined
  }
  const url =
    typeof document === 'object' && document !== null
      ? (document as { url?: unknown }).url
      : undefined
  if (typeof url !== 'string') return undefined
  const expiresAtMs = presignedUrlExpiresAtMs(url)
  if (expiresAtMs === undefined || expiresAtMs > nowMs) return undefined
  return `The job document's URL was pre-signed by an operator and expired on ${new Date(expiresAtMs).toISOString()}: every device would fail to download it. Create a new job from the wizard instead.`
}
