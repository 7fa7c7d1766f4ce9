import { serializeJobDocument } from '../../domain/job-document.ts'
import { unwrap } from '../../domain/validation.ts'
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { firmwareImage, sha256Of } from '../demo/firmware-image.ts'
import { createFleet, type DeviceSpec, type Fleet } from '../fleet-runner.ts'
import type { KnobsInput } from '../knobs.ts'
import { createRandom } from '../random.ts'
import { createRealTimeScheduler, type Scheduler } from '../scheduler.ts'
import { createMqttTransport, type CertificateSource } from '../transport/mqtt-transport.ts'

/**
 * What the simulator's contract tests share: firmware and configuration in
 * S3 (as an operator would upload them), job documents that point at them
 * through IoT's pre-signed URL placeholders, and a fleet on the real wire.
 * It takes the local cloud's addresses as arguments, so it never imports
 * the local cloud (only test files may, for the fixture).
 */
export const FIRMWARE_BUCKET = 'fleetdeck-firmware'
export const CONFIG_BUCKET = 'fleetdeck-config'
export const PRESIGNER_ROLE_ARN = 'arn:aws:iam::000000000000:role/fleetdeck-iot-presigner'

// The contract tests made images this way first; the demo fleet shares it.
export { firmwareImage, sha256Of }

export async function ensureBuckets(s3: S3Client): Promise<void> {
  for (const Bucket of [FIRMWARE_BUCKET, CONFIG_BUCKET])
    await s3.send(new CreateBucketCommand({ Bucket })).catch(() => undefined)
}

const objectUrl = (bucket: string, key: string) =>
  `https://s3.us-east-1.amazonaws.com/${bucket}/${key}`

/** Uploads an image with its sha256 in metadata, and returns an install document for it. */
export async function publishFirmware(
  s3: S3Client,
  options: { model: string; version: string; key: string; bytes?: Uint8Array },
): Promise<{ sha256: string; size: number; url: string }> {
  const bytes = options.bytes ?? firmwareImage(options.model, options.version)
  const sha256 = sha256Of(bytes)
  await s3.send(
    new PutObjectCommand({
      Bucket: FIRMWARE_BUCKET,
      Key: options.key,
      Body: bytes,
      Metadata: { sha256, version: options.version, model: options.model },
    }),
  )
  return {
    sha256,
    size: bytes.length,
    url: `\${aws:iot:s3-presigned-url:${objectUrl(FIRMWARE_BUCKET, options.key)}}`,
  }
}

/**
 * An install document for a published image, built and checked by domain/'s
 * schema, as the dashboard builds them.
 */
export function installDocument(
  image: { sha256: string; size: number; url: string },
  fields: { version: string; forced?: boolean; model?: string; sha256?: string },
): string {
  return unwrap(
    serializeJobDocument({
      operation: 'install',
      url: image.url,
      version: fields.version,
      sha256: fields.sha256 ?? image.sha256,
      size: image.size,
      forced: fields.forced ?? false,
      ...(fields.model === undefined ? {} : { model: fields.model }),
    }),
  ).text
}

export const presignedUrlConfig = { roleArn: PRESIGNER_ROLE_ARN, expiresInSec: 3600 }

/**
 * A PUT URL for config-upload, pre-signed by the operator's credentials (IoT
 * pre-signs GET only). Give a client with `requestChecksumCalculation:
 * 'WHEN_REQUIRED'`: by default the SDK signs a checksum of an empty body
 * into the URL, and the device's real body then fails it.
 */
export const uploadUrl = (s3: S3Client, key: string) =>
  getSignedUrl(s3, new PutObjectCommand({ Bucket: CONFIG_BUCKET, Key: key }), { expiresIn: 600 })

export async function readConfigObject(s3: S3Client, key: string): Promise<string> {
  const output = await s3.send(new GetObjectCommand({ Bucket: CONFIG_BUCKET, Key: key }))
  return (await output.Body?.transformToString()) ?? ''
}

export const configPlaceholder = (key: string) =>
  `\${aws:iot:s3-presigned-url:${objectUrl(CONFIG_BUCKET, key)}}`

export interface SimulatedFleet {
  readonly fleet: Fleet
  readonly scheduler: Scheduler
  readonly stop: () => Promise<void>
}

/** A fleet over the plain TCP listener, or mutual TLS when given certificates and the CA. */
export function startFleet(options: {
  mqttUrl: string
  devices: readonly DeviceSpec[]
  knobs?: Partial<KnobsInput>
  certificates?: CertificateSource
  caPem?: string
  seed?: number
}): SimulatedFleet {
  const scheduler = createRealTimeScheduler()
  const fleet = createFleet({
    devices: options.devices,
    knobs: { rebootMs: 200, jitter: 0.1, reconnectDelayMs: 200, ...options.knobs },
    random: createRandom(options.seed ?? 7),
    scheduler,
    transport: createMqttTransport({
      url: options.mqttUrl,
      ...(options.certificates === undefined ? {} : { certificates: options.certificates }),
      ...(options.caPem === undefined ? {} : { caPem: options.caPem }),
    }),
  })
  fleet.start()
  return {
    fleet,
    scheduler,
    stop: async () => {
      await fleet.stop()
      scheduler.stop()
    },
  }
}
