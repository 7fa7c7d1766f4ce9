/**
 * The dashboard's Content-Security-Policy: scripts, styles and the config
 * only from its own origin, and network access only to the AWS endpoints it
 * calls. Anything injected into the page can then neither run code from
 * elsewhere nor send what it reads anywhere else.
 * https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy
 *
 * CloudFront caps the header at 1783 characters (CloudFront quotas,
 * "Content-Security-Policy header value"); the tests check the policy fits.
 */
export const MAX_CONTENT_SECURITY_POLICY_LENGTH = 1783

export interface DashboardEndpoints {
  readonly region: string
  /** The account's IoT data endpoint host (DescribeEndpoint iot:Data-ATS). */
  readonly iotDataHost: string
  readonly firmwareBucket: string
  readonly configBucket: string
  /** Further origins the dashboard calls (the IoT policy attachment function). */
  readonly otherOrigins?: readonly string[]
}

/**
 * Each origin the dashboard's SDK clients reach in production: Cognito
 * (Amplify's user pool and identity pool calls), the IoT control plane, the
 * IoT data endpoint over HTTPS (shadows) and WSS (MQTT job events), and the
 * buckets at S3's regional virtual-hosted endpoints, as SDK v3 addresses them.
 */
export function dashboardConnectSources(endpoints: DashboardEndpoints): string[] {
  const { region, iotDataHost } = endpoints
  return [
    `https://cognito-idp.${region}.amazonaws.com`,
    `https://cognito-identity.${region}.amazonaws.com`,
    `https://iot.${region}.amazonaws.com`,
    `https://${iotDataHost}`,
    `wss://${iotDataHost}`,
    `https://${endpoints.firmwareBucket}.s3.${region}.amazonaws.com`,
    `https://${endpoints.configBucket}.s3.${region}.amazonaws.com`,
    ...(endpoints.otherOrigins ?? []),
  ]
}

export interface ContentSecurityPolicyOptions {
  /**
   * Upgrade http: requests to https: (on by default). The end-to-end check
   * of the same policy against the local cloud, which speaks plain HTTP on
   * the loopback, turns it off (e2e/content-security-policy.spec.ts).
   */
  readonly upgradeInsecureRequests?: boolean
}

export function contentSecurityPolicy(
  connectSources: readonly string[],
  { upgradeInsecureRequests = true }: ContentSecurityPolicyOptions = {},
): string {
  const directives: ReadonlyArray<readonly [string, ...string[]]> = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    // 'self' for config.json beside index.html.
    ['connect-src', "'self'", ...connectSources],
    ['manifest-src', "'self'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
    ['object-src', "'none'"],
    ...(upgradeInsecureRequests ? [['upgrade-insecure-requests'] as const] : []),
  ]
  return directives.map((directive) => directive.join(' ')).join('; ')
}
