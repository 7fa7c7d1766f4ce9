/**
 * Who may talk to the local cloud. Its admin credentials are public, so a web
 * page the developer happens to visit must not be able to drive it:
 * - browsers may call it only from loopback origins (the dashboard on
 *   127.0.0.1 or localhost) and origins listed in FLEETDECK_CORS_ORIGINS;
 * - requests must name a loopback host (or one listed in
 *   FLEETDECK_ALLOWED_HOSTS), which defeats DNS rebinding.
 */
const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOSTNAMES.has(hostname) || hostname.endsWith('.localhost')
}

export interface OriginPolicy {
  isAllowedOrigin(origin: string): boolean
  isAllowedHost(hostHeader: string): boolean
}

function hostnameOf(hostHeader: string): string | undefined {
  try {
    return new URL(`http://${hostHeader}`).hostname
  } catch {
    return undefined
  }
}

export function createOriginPolicy({
  extraOrigins = [],
  extraHosts = [],
}: { extraOrigins?: readonly string[]; extraHosts?: readonly string[] } = {}): OriginPolicy {
  const origins = new Set(extraOrigins)
  const hosts = new Set(extraHosts)
  return {
    isAllowedOrigin: (origin) => {
      if (origins.has(origin)) return true
      try {
        const url = new URL(origin)
        return (
          (url.protocol === 'http:' || url.protocol === 'https:') &&
          isLoopbackHostname(url.hostname)
        )
      } catch {
        return false
      }
    },
    isAllowedHost: (hostHeader) => {
      const hostname = hostnameOf(hostHeader)
      return hostname !== undefined && (isLoopbackHostname(hostname) || hosts.has(hostname))
    },
  }
}

export function listFromEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}
