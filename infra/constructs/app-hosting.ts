import { Duration, RemovalPolicy } from 'aws-cdk-lib'
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront'
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins'
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3'
import { Construct } from 'constructs'
import { SPA_ROUTING_FUNCTION_CODE } from '../hosting/spa-routing.ts'

export interface AppHostingProps {
  /** The Content-Security-Policy header value (infra/hosting/content-security-policy.ts). */
  readonly contentSecurityPolicy: string
}

/**
 * The built dashboard: a private bucket that only this distribution may read
 * (origin access control), served over HTTPS with the security headers on
 * every response and the app's routes answered with index.html.
 */
export class AppHosting extends Construct {
  readonly bucket: Bucket
  readonly distribution: Distribution
  /** https://<id>.cloudfront.net: the origin CORS and the config name. */
  readonly origin: string

  constructor(scope: Construct, id: string, { contentSecurityPolicy }: AppHostingProps) {
    super(scope, id)
    this.bucket = new Bucket(this, 'Site', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // The build is rebuilt from the repository; old hashed assets linger
      // for tabs still running the previous build, and are rolled back from
      // versions if a deployment goes wrong.
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    })
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Fleetdeck dashboard: CSP, HSTS, no framing, no sniffing, no referrer.',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        // frame-ancestors 'none' in the CSP, and X-Frame-Options for browsers that predate it.
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
            override: true,
          },
        ],
      },
    })
    const spaRouting = new CloudFrontFunction(this, 'SpaRouting', {
      comment: 'Serves index.html for the dashboard routes.',
      code: FunctionCode.fromInline(SPA_ROUTING_FUNCTION_CODE),
      runtime: FunctionRuntime.JS_2_0,
    })
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Fleetdeck dashboard',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        // Honours the Cache-Control each object carries (npm run deploy sets it).
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [
          { function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST },
        ],
      },
    })
    this.origin = `https://${this.distribution.distributionDomainName}`
  }
}
