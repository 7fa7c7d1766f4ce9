import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { configurationKeys } from './configuration-keys.ts'

/**
 * One configuration file's bytes, with their SHA-256 computed here, in the
 * browser, from exactly the bytes read: it is what a config-download job
 * tells devices to verify. The text is shown as text, never as markup: a
 * device wrote it.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
 */
export const MAX_CONFIGURATION_BYTES = 1024 * 1024

export interface ConfigurationObject {
  readonly key: string
  readonly bytes: Uint8Array
  readonly text: string
  /** Lower-case hex. */
  readonly sha256: string
  readonly eTag?: string
  readonly lastModified?: Date
}

export class ConfigurationTooLargeError extends Error {
  override readonly name = 'ConfigurationTooLargeError'

  constructor(readonly size: number) {
    super(
      `The file is ${size.toLocaleString('en-US')} bytes; configurations are at most ${MAX_CONFIGURATION_BYTES.toLocaleString('en-US')}.`,
    )
  }
}

export async function getConfiguration(
  s3: S3Client,
  { bucket, key }: { readonly bucket: string; readonly key: string },
  signal?: AbortSignal,
): Promise<ConfigurationObject> {
  const output = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), {
    abortSignal: signal,
  })
  if ((output.ContentLength ?? 0) > MAX_CONFIGURATION_BYTES) {
    // Not read: the body is dropped unread, and the connection with it.
    await output.Body?.transformToWebStream().cancel()
    throw new ConfigurationTooLargeError(output.ContentLength ?? 0)
  }
  const bytes = (await output.Body?.transformToByteArray()) ?? new Uint8Array()
  return {
    key,
    bytes,
    // fatal: false, so a file that is not UTF-8 is still shown, with replacement characters.
    text: new TextDecoder('utf-8').decode(bytes),
    sha256: bytesToHex(sha256(bytes)),
    ...(output.ETag === undefined ? {} : { eTag: output.ETag }),
    ...(output.LastModified === undefined ? {} : { lastModified: output.LastModified }),
  }
}

/** The text as shown: JSON pretty-printed, anything else as it is. */
export function displayConfigurationText(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

export const getConfigurationOptions = (s3: S3Client, bucket: string, key: string) =>
  queryOptions({
    queryKey: configurationKeys.object(key),
    queryFn: ({ signal }) => getConfiguration(s3, { bucket, key }, signal),
  })

export function useConfiguration(key: string | undefined) {
  const { s3, config } = useAwsClients()
  return useQuery({
    ...getConfigurationOptions(s3, config.configBucket, key ?? ''),
    enabled: key !== undefined,
  })
}
