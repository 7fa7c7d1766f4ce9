import { Match, type Template } from 'aws-cdk-lib/assertions'
import { beforeAll, describe, expect, it } from 'vitest'
import { DashboardConfigSchema } from '../domain/dashboard-config.ts'
import { ROLE_GROUPS, ROLE_NAMES } from '../domain/permissions.ts'
import { dashboardConfigFromOutputs } from './deploy/dashboard-config-from-outputs.ts'
import { MAX_CONTENT_SECURITY_POLICY_LENGTH } from './hosting/content-security-policy.ts'
import {
  resolveIntrinsics,
  resolvedString,
  type DeployedValue,
} from './testing/resolve-intrinsics.ts'
import { synthesizedTemplate, TEST_ENV } from './testing/synthesized-stack.ts'

/**
 * The synthesized CloudFormation template (no AWS account needed): the
 * buckets, the distribution and its headers, the user directory, the IoT
 * account settings and the outputs config.json is made of.
 */
let template: Template
type Resource = { Type: string; Properties: Record<string, unknown> }
let resources: Record<string, Resource>

beforeAll(() => {
  template = synthesizedTemplate()
  resources = template.toJSON()['Resources'] as Record<string, Resource>
})

const ofType = (type: string) =>
  Object.entries(resources).filter(([, resource]) => resource.Type === type)

const only = (type: string): Resource => {
  const found = ofType(type)
  expect(found, type).toHaveLength(1)
  return found[0]![1]
}

const REGION = TEST_ENV.region
const DATA_HOST = `a1b2c3d4e5f6g7-ats.iot.${REGION}.amazonaws.com`
const ATTACH_URL = `https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.${REGION}.on.aws/`
const DISTRIBUTION_DOMAIN = 'd111111abcdef8.cloudfront.net'

/** What each resource would answer once deployed, in the shapes AWS uses. */
const deployed: DeployedValue = (logicalId, attribute) => {
  const type = resources[logicalId]?.Type
  if (type === 'AWS::Cognito::UserPool')
    return attribute === 'ProviderName'
      ? `cognito-idp.${REGION}.amazonaws.com/${REGION}_Ab12Cd34E`
      : `${REGION}_Ab12Cd34E`
  if (type === 'AWS::Cognito::UserPoolClient') return '1example23456789abcdefghij'
  if (type === 'AWS::Cognito::IdentityPool') return `${REGION}:0f3c6a4e-5b7d-4c2a-9e1f-2a3b4c5d6e7f`
  if (type === 'Custom::AWS' && attribute === 'endpointAddress') return DATA_HOST
  if (type === 'AWS::Lambda::Url') return ATTACH_URL
  if (type === 'AWS::CloudFront::Distribution')
    return attribute === 'DomainName' ? DISTRIBUTION_DOMAIN : 'E2EXAMPLE12345'
  if (type === 'AWS::S3::Bucket')
    return resolvedString(resources[logicalId]?.Properties['BucketName'] ?? 'fleetdeck-site-bucket')
  return `<${logicalId}${attribute === undefined ? '' : `.${attribute}`}>`
}

describe('buckets', () => {
  it('are all private, encrypted, TLS-only and owner-enforced', () => {
    const buckets = ofType('AWS::S3::Bucket')
    expect(buckets).toHaveLength(3)
    for (const [id, { Properties }] of buckets) {
      expect(Properties['PublicAccessBlockConfiguration'], id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      })
      expect(Properties['BucketEncryption'], id).toEqual({
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      })
      expect(Properties['OwnershipControls'], id).toEqual({
        Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }],
      })
      expect(Properties['WebsiteConfiguration'], id).toBeUndefined()
      expect(Properties['VersioningConfiguration'], id).toEqual({ Status: 'Enabled' })
    }
  })

  it('refuse plain HTTP through their policies, and allow nobody at large', () => {
    const policies = ofType('AWS::S3::BucketPolicy')
    expect(policies).toHaveLength(3)
    for (const [id, { Properties }] of policies) {
      const statements = (Properties['PolicyDocument'] as { Statement: Record<string, unknown>[] })
        .Statement
      expect(statements, id).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      )
      for (const statement of statements.filter((s) => s['Effect'] === 'Allow')) {
        // Only CloudFront, and only for this distribution (origin access control).
        expect(statement['Principal'], id).toEqual({ Service: 'cloudfront.amazonaws.com' })
        expect(statement['Action'], id).toBe('s3:GetObject')
        expect(JSON.stringify(statement['Condition']), id).toContain('AWS:SourceArn')
      }
    }
  })

  it('let the dashboard origin, and no other, make the calls it makes', () => {
    const dataBuckets = ofType('AWS::S3::Bucket').filter(([, { Properties }]) =>
      /^fleetdeck-(firmware|config)-/.test(String(Properties['BucketName'])),
    )
    expect(dataBuckets.map(([, { Properties }]) => Properties['BucketName'])).toEqual([
      `fleetdeck-firmware-${TEST_ENV.account}-${REGION}`,
      `fleetdeck-config-${TEST_ENV.account}-${REGION}`,
    ])
    for (const [id, { Properties }] of dataBuckets) {
      const [rule, ...more] = (
        resolveIntrinsics(Properties['CorsConfiguration'], deployed) as {
          CorsRules: Record<string, unknown>[]
        }
      ).CorsRules
      expect(more, id).toEqual([])
      expect(rule?.['AllowedOrigins'], id).toEqual([`https://${DISTRIBUTION_DOMAIN}`])
      expect(rule?.['AllowedMethods'], id).toEqual(['GET', 'HEAD', 'PUT', 'POST', 'DELETE'])
      expect(rule?.['ExposedHeaders'], id).toEqual(
        expect.arrayContaining(['ETag', 'x-amz-checksum-sha256', 'x-amz-checksum-crc32']),
      )
    }
  })
})

describe('the distribution', () => {
  it('serves the private bucket over HTTPS only, through origin access control', () => {
    const config = only('AWS::CloudFront::Distribution').Properties['DistributionConfig'] as {
      DefaultCacheBehavior: Record<string, unknown>
      Origins: Record<string, unknown>[]
      DefaultRootObject: string
    }
    expect(config.DefaultCacheBehavior['ViewerProtocolPolicy']).toBe('https-only')
    expect(config.DefaultCacheBehavior['AllowedMethods']).toEqual(['GET', 'HEAD'])
    expect(config.DefaultRootObject).toBe('index.html')
    expect(config.Origins).toHaveLength(1)
    expect(config.Origins[0]?.['OriginAccessControlId']).toBeDefined()
    expect(only('AWS::CloudFront::OriginAccessControl').Properties).toMatchObject({
      OriginAccessControlConfig: { SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    })
    // The app's routes are rewritten to index.html before the cache.
    expect(config.DefaultCacheBehavior['FunctionAssociations']).toEqual([
      expect.objectContaining({ EventType: 'viewer-request' }),
    ])
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }),
    })
  })

  it('sends HSTS, no framing, no sniffing and no referrer on every response', () => {
    const headers = (
      only('AWS::CloudFront::ResponseHeadersPolicy').Properties['ResponseHeadersPolicyConfig'] as {
        SecurityHeadersConfig: Record<string, Record<string, unknown>>
      }
    ).SecurityHeadersConfig
    expect(headers['StrictTransportSecurity']).toMatchObject({
      AccessControlMaxAgeSec: 63072000,
      IncludeSubdomains: true,
      Override: true,
    })
    expect(headers['FrameOptions']).toEqual({ FrameOption: 'DENY', Override: true })
    expect(headers['ContentTypeOptions']).toEqual({ Override: true })
    expect(headers['ReferrerPolicy']).toEqual({ ReferrerPolicy: 'no-referrer', Override: true })
  })

  it('sends a Content-Security-Policy allowing exactly the AWS endpoints the app calls', () => {
    const csp = resolvedString(
      (
        only('AWS::CloudFront::ResponseHeadersPolicy').Properties[
          'ResponseHeadersPolicyConfig'
        ] as {
          SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } }
        }
      ).SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy,
      deployed,
    )
    const directives = new Map(
      csp.split('; ').map((directive) => {
        const [name = '', ...sources] = directive.split(' ')
        return [name, sources]
      }),
    )
    expect(directives.get('default-src')).toEqual(["'none'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('style-src')).toEqual(["'self'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('connect-src')).toEqual([
      "'self'",
      `https://cognito-idp.${REGION}.amazonaws.com`,
      `https://cognito-identity.${REGION}.amazonaws.com`,
      `https://iot.${REGION}.amazonaws.com`,
      `https://${DATA_HOST}`,
      `wss://${DATA_HOST}`,
      `https://fleetdeck-firmware-${TEST_ENV.account}-${REGION}.s3.${REGION}.amazonaws.com`,
      `https://fleetdeck-config-${TEST_ENV.account}-${REGION}.s3.${REGION}.amazonaws.com`,
      `https://${new URL(ATTACH_URL).host}`,
    ])
    expect(csp).not.toMatch(/unsafe-(inline|eval)/)
    expect(csp.length).toBeLessThanOrEqual(MAX_CONTENT_SECURITY_POLICY_LENGTH)
  })
})

describe('sign-in', () => {
  it('is by administrator-created accounts, with optional authenticator-app MFA', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UsernameAttributes: ['email'],
    })
    const open = synthesizedTemplate({ selfSignUp: true })
    open.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
    })
  })

  it('uses SRP through an app client without a secret or OAuth flows', () => {
    const client = only('AWS::Cognito::UserPoolClient').Properties
    expect(client['ExplicitAuthFlows']).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'])
    expect(client['GenerateSecret']).toBe(false)
    expect(client['AllowedOAuthFlowsUserPoolClient']).toBe(false)
    expect(client['PreventUserExistenceErrors']).toBe('ENABLED')
  })

  it('gives signed-in users only the role of their group, operators first', () => {
    expect(only('AWS::Cognito::IdentityPool').Properties).toMatchObject({
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: false,
    })
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, { Properties }]) => ({
      name: Properties['GroupName'],
      precedence: Properties['Precedence'],
      role: resolveIntrinsics(Properties['RoleArn'], deployed),
    }))
    const roleId = (name: string) =>
      ofType('AWS::IAM::Role').find(([, { Properties }]) => Properties['RoleName'] === name)?.[0]
    expect(groups).toEqual([
      {
        name: ROLE_GROUPS.operator,
        precedence: 1,
        role: `<${roleId(ROLE_NAMES.operator)}.Arn>`,
      },
      { name: ROLE_GROUPS.viewer, precedence: 2, role: `<${roleId(ROLE_NAMES.viewer)}.Arn>` },
    ])
    const attachment = only('AWS::Cognito::IdentityPoolRoleAttachment').Properties
    expect(attachment['Roles']).toBeUndefined()
    expect(resolveIntrinsics(attachment['RoleMappings'], deployed)).toEqual({
      dashboard: {
        IdentityProvider: `cognito-idp.${REGION}.amazonaws.com/${REGION}_Ab12Cd34E:1example23456789abcdefghij`,
        Type: 'Token',
        AmbiguousRoleResolution: 'Deny',
      },
    })
  })
})

describe('the IoT account settings', () => {
  const sdkCall = (action: string) =>
    ofType('Custom::AWS')
      .map(
        ([, { Properties }]) => JSON.parse(String(Properties['Create'])) as Record<string, unknown>,
      )
      .find((call) => call['action'] === action)

  it('switch on job and job-execution events', () => {
    expect(sdkCall('UpdateEventConfigurations')).toMatchObject({
      service: '@aws-sdk/client-iot',
      parameters: {
        eventConfigurations: { JOB: { Enabled: true }, JOB_EXECUTION: { Enabled: true } },
      },
    })
  })

  it('look up the ATS data endpoint the app connects to', () => {
    expect(sdkCall('DescribeEndpoint')).toMatchObject({
      parameters: { endpointType: 'iot:Data-ATS' },
    })
  })
})

describe('the outputs', () => {
  const outputs = () =>
    Object.fromEntries(
      Object.entries(template.toJSON()['Outputs'] as Record<string, { Value: unknown }>).map(
        ([name, { Value }]) => [name, resolvedString(Value, deployed)],
      ),
    )

  it('form a config.json the dashboard accepts', () => {
    const config = dashboardConfigFromOutputs(outputs())
    expect(DashboardConfigSchema.parse(config)).toEqual({
      region: REGION,
      userPoolId: `${REGION}_Ab12Cd34E`,
      userPoolClientId: '1example23456789abcdefghij',
      identityPoolId: `${REGION}:0f3c6a4e-5b7d-4c2a-9e1f-2a3b4c5d6e7f`,
      iotDataEndpoint: `https://${DATA_HOST}`,
      firmwareBucket: `fleetdeck-firmware-${TEST_ENV.account}-${REGION}`,
      configBucket: `fleetdeck-config-${TEST_ENV.account}-${REGION}`,
      attachIotPolicyUrl: ATTACH_URL.replace(/\/$/, ''),
    })
    expect(config.endpoints).toBeUndefined()
  })

  it('tell the deploy where to upload and what to invalidate', () => {
    expect(outputs()).toMatchObject({
      AppUrl: `https://${DISTRIBUTION_DOMAIN}`,
      DistributionId: 'E2EXAMPLE12345',
      AppBucketName: expect.any(String),
    })
  })
})
