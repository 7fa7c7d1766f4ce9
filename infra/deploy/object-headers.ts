/**
 * How each file of the build is served. Vite names everything under
 * assets/ after its content hash, so those never change and may be cached
 * for a year without revalidation; index.html and config.json keep their
 * names across deployments and must be revalidated on every load, or a
 * browser would run an old build against new pool ids.
 * https://developer.mozilla.org/docs/Web/HTTP/Headers/Cache-Control
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable'
export const REVALIDATE = 'no-cache'
/** Files outside assets/ (favicon.svg, …) keep their names too, but change rarely. */
export const SHORT_LIVED = 'public, max-age=300'

export function cacheControlFor(key: string): string {
  if (key.startsWith('assets/')) return IMMUTABLE
  if (key === 'index.html' || key === 'config.json') return REVALIDATE
  return SHORT_LIVED
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  txt: 'text/plain; charset=utf-8',
}

/** Content-Type by extension; S3 would otherwise serve binary/octet-stream, which nosniff then refuses to run. */
export function contentTypeFor(key: string): string {
  const extension = key.slice(key.lastIndexOf('.') + 1).toLowerCase()
  return CONTENT_TYPES[extension] ?? 'application/octet-stream'
}

/**
 * Upload order: files that reference others go last, so a browser loading
 * index.html mid-deployment never asks for an asset that is not there yet.
 */
export function uploadOrder(keys: readonly string[]): string[] {
  const rank = (key: string) => (key === 'index.html' ? 2 : key === 'config.json' ? 1 : 0)
  return [...keys].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}
