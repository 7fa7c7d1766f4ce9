import { describe, expect, it } from 'vitest'
import {
  contentSecurityPolicy,
  dashboardConnectSources,
  MAX_CONTENT_SECURITY_POLICY_LENGTH,
} from './content-security-policy.ts'

const endpoints = {
  region: 'ap-southeast-2',
  iotDataHost: 'a1b2c3d4e5f6g7-ats.iot.ap-southeast-2.amazonaws.com',
  firmwareBucket: 'fleetdeck-firmware-123456789012-ap-southeast-2',
  configBucket: 'fleetdeck-config-123456789012-ap-southeast-2',
  otherOrigins: ['https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.ap-southeast-2.on.aws'],
}

describe('contentSecurityPolicy', () => {
  it('lets the page connect to its own origin and the endpoints it calls, nowhere else', () => {
    const csp = contentSecurityPolicy(dashboardConnectSources(endpoints))
    const connect = csp.split('; ').find((directive) => directive.startsWith('connect-src '))
    expect(connect?.split(' ').slice(1)).toEqual([
      "'self'",
      'https://cognito-idp.ap-southeast-2.amazonaws.com',
      'https://cognito-identity.ap-southeast-2.amazonaws.com',
      'https://iot.ap-southeast-2.amazonaws.com',
      'https://a1b2c3d4e5f6g7-ats.iot.ap-southeast-2.amazonaws.com',
      'wss://a1b2c3d4e5f6g7-ats.iot.ap-southeast-2.amazonaws.com',
      'https://fleetdeck-firmware-123456789012-ap-southeast-2.s3.ap-southeast-2.amazonaws.com',
      'https://fleetdeck-config-123456789012-ap-southeast-2.s3.ap-southeast-2.amazonaws.com',
      'https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.ap-southeast-2.on.aws',
    ])
    expect(connect).not.toMatch(/\*/)
  })

  it('runs only its own scripts and styles and cannot be framed', () => {
    const csp = contentSecurityPolicy([])
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self';")
    expect(csp).toContain("style-src 'self';")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https:;|\bhttp:/)
  })

  it('fits CloudFront’s limit with the longest region names', () => {
    const csp = contentSecurityPolicy(dashboardConnectSources(endpoints))
    expect(csp.length).toBeLessThanOrEqual(MAX_CONTENT_SECURITY_POLICY_LENGTH)
  })
})
