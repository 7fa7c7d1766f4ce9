import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib'
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3'
import { Construct } from 'constructs'
import { DASHBOARD_BUCKET_CORS } from '../../domain/dashboard-bucket-cors.ts'
import type { BucketNames } from '../../domain/permissions.ts'

/**
 * The buckets' names follow from the account and region rather than being
 * generated: the roles, the IoT policy and the Content-Security-Policy name
 * them, while the buckets' CORS names the distribution, so generated names
 * would make CloudFormation resources depend on each other in a circle.
 * Account and region keep them globally unique.
 */
export function dataBucketNames(scope: Construct): BucketNames {
  const { account, region } = Stack.of(scope)
  return {
    firmwareBucket: `fleetdeck-firmware-${account}-${region}`,
    configBucket: `fleetdeck-config-${account}-${region}`,
  }
}

export interface DataBucketsProps {
  readonly names: BucketNames
  /** The dashboard's origin (https://…cloudfront.net), the only one CORS lets in. */
  readonly appOrigin: string
}

/**
 * The firmware catalog and the device configurations. Private, encrypted,
 * reachable over TLS only, versioned so an overwritten or deleted image can
 * be recovered, and kept when the stack is deleted.
 */
export class DataBuckets extends Construct {
  readonly firmwareBucket: Bucket
  readonly configBucket: Bucket

  constructor(scope: Construct, id: string, { names, appOrigin }: DataBucketsProps) {
    super(scope, id)
    this.firmwareBucket = this.#bucket('Firmware', names.firmwareBucket, appOrigin)
    this.configBucket = this.#bucket('Config', names.configBucket, appOrigin)
  }

  #bucket(id: string, bucketName: string, appOrigin: string): Bucket {
    return new Bucket(this, id, {
      bucketName,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      cors: [
        {
          id: 'fleetdeck-dashboard',
          allowedOrigins: [appOrigin],
          allowedMethods: DASHBOARD_BUCKET_CORS.allowedMethods.map((method) => HttpMethods[method]),
          allowedHeaders: [...DASHBOARD_BUCKET_CORS.allowedHeaders],
          exposedHeaders: [...DASHBOARD_BUCKET_CORS.exposedHeaders],
          maxAge: DASHBOARD_BUCKET_CORS.maxAgeSeconds,
        },
      ],
      // A cancelled browser upload leaves parts only its owner could abort.
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(7) }],
    })
  }
}
