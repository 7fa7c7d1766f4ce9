/**
 * S3 object URLs as AWS IoT Jobs takes them in `documentSource` and inside
 * `${aws:iot:s3-presigned-url:…}` placeholders: path style
 * (`https://s3.amazonaws.com/bucket/key`, `https://s3.us-east-1.amazonaws.com/bucket/key`,
 * the legacy `s3-us-east-1`) and virtual-hosted style
 * (`https://bucket.s3.us-east-1.amazonaws.com/key`).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-bucket-intro.html
 */
export interface S3ObjectLocation {
  readonly bucket: string
  readonly key: string
  /** The region the URL names, when it names one. */
  readonly region?: string
}

// Bucket naming rules: 3–63 lowercase letters, digits, dots and hyphens.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/
const PATH_STYLE_HOST = /^s3(?:[.-]([a-z0-9-]+))?\.amazonaws\.com$/
const VIRTUAL_HOST = /^(.+)\.s3(?:[.-]([a-z0-9-]+))?\.amazonaws\.com$/

function decodeKey(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded)
  } catch {
    return undefined
  }
}

/** The bucket and key an S3 object URL names, or undefined when it is not one. */
export function parseS3ObjectUrl(url: string): S3ObjectLocation | undefined {
  if (!URL.canParse(url)) return undefined
  const parsed = new URL(url)
  if (parsed.protocol !== 'https:' || parsed.search !== '' || parsed.hash !== '') return undefined
  const withRegion = (location: { bucket: string; key: string }, region: string | undefined) =>
    BUCKET.test(location.bucket) && location.key !== ''
      ? { ...location, ...(region === undefined ? {} : { region }) }
      : undefined

  const virtual = VIRTUAL_HOST.exec(parsed.hostname)
  if (virtual !== null) {
    const key = decodeKey(parsed.pathname.slice(1))
    return key === undefined ? undefined : withRegion({ bucket: virtual[1] ?? '', key }, virtual[2])
  }
  const pathStyle = PATH_STYLE_HOST.exec(parsed.hostname)
  if (pathStyle === null) return undefined
  const [, bucket = '', ...rest] = parsed.pathname.split('/')
  const key = decodeKey(rest.join('/'))
  return key === undefined ? undefined : withRegion({ bucket, key }, pathStyle[1])
}

/** The path-style object URL of a bucket and key in a region, as placeholders and documentSource take it. */
export function s3ObjectUrl({
  bucket,
  key,
  region,
}: S3ObjectLocation & { region: string }): string {
  const encodedKey = key
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
  return `https://s3.${region}.amazonaws.com/${bucket}/${encodedKey}`
}
