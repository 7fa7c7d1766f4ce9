import { IoTClient } from '@aws-sdk/client-iot'
import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane'
import { S3Client } from '@aws-sdk/client-s3'
import type { DashboardConfig } from '@domain/dashboard-config.ts'
import type { CredentialsProvider } from '@/lib/auth/session-credentials.ts'
import { corsDiagnosis } from './failed-requests.ts'

/**
 * The SDK clients, built once from the validated config: whether they reach
 * AWS or the local cloud is decided here by configuration, never in a
 * component. Credentials come from the signed-in user's identity-pool
 * session (see session-credentials.ts).
 */
export interface AwsClients {
  readonly iot: IoTClient
  readonly iotData: IoTDataPlaneClient
  readonly s3: S3Client
  readonly config: DashboardConfig
}

export function createAwsClients(
  config: DashboardConfig,
  credentials: CredentialsProvider,
): AwsClients {
  const common = { region: config.region, credentials }
  const s3Endpoint = config.endpoints?.s3
  const iot = new IoTClient({
    ...common,
    ...(config.endpoints?.iot === undefined ? {} : { endpoint: config.endpoints.iot }),
  })
  const iotData = new IoTDataPlaneClient({ ...common, endpoint: config.iotDataEndpoint })
  const s3 = new S3Client({
    ...common,
    ...(s3Endpoint === undefined ? {} : { endpoint: s3Endpoint, forcePathStyle: true }),
    // Checksums only where S3 requires them: pre-signed PUT URLs must not
    // carry a checksum of an empty body, and uploads send their own SHA-256.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  // A failed fetch() gets its call and cause recorded, so error messages
  // can tell a CORS refusal from a network failure (failed-requests.ts).
  iot.middlewareStack.use(corsDiagnosis())
  iotData.middlewareStack.use(corsDiagnosis())
  s3.middlewareStack.use(corsDiagnosis())
  return { config, iot, iotData, s3 }
}
