import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3'
import { queryOptions, useQuery } from '@tanstack/react-query'
import {
  firmwareImageKey,
  parseFirmwareManifest,
  parseFirmwareManifestKey,
  type FirmwareManifest,
} from '@domain/firmware-manifest.ts'
import { compareVersionsNewestFirst } from '@domain/firmware-version.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import { jobsKeys } from './jobs-keys.ts'

/**
 * The releases a firmware job may install: every `<model>/<version>/firmware.json`
 * manifest in the firmware bucket (ListObjectsV2, then GetObject each), as
 * the firmware catalog lists them. The jobs feature keeps its own reader
 * (features do not import each other) and leaves out what the catalog page
 * shows as broken: a job must only point at a release whose size and sha256
 * are known.
 */
const MAX_MANIFEST_BYTES = 64 * 1024
const MANIFEST_READS_IN_FLIGHT = 6

export interface FirmwareRelease extends FirmwareManifest {
  /** The image's key in the firmware bucket. */
  readonly imageKey: string
}

async function readManifest(
  s3: S3Client,
  bucket: string,
  key: string,
  location: { model: string; version: string },
  signal: AbortSignal | undefined,
): Promise<FirmwareRelease | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), {
      abortSignal: signal,
    })
    const parsed = parseFirmwareManifest((await object.Body?.transformToString()) ?? '', location)
    return parsed.ok
      ? { ...parsed.value, imageKey: firmwareImageKey(location.model, location.version) }
      : undefined
  } catch (error) {
    if (isNotFoundError(error)) return undefined
    throw error
  }
}

export async function listFirmwareReleases(
  s3: S3Client,
  bucket: string,
  signal?: AbortSignal,
): Promise<FirmwareRelease[]> {
  const listed: { key: string; model: string; version: string }[] = []
  for await (const page of paginateListObjectsV2(
    { client: s3 },
    { Bucket: bucket },
    { abortSignal: signal },
  )) {
    for (const object of page.Contents ?? []) {
      const location = parseFirmwareManifestKey(object.Key ?? '')
      if (location !== undefined && (object.Size ?? 0) <= MAX_MANIFEST_BYTES) {
        listed.push({ key: object.Key ?? '', ...location })
      }
    }
  }
  const releases: FirmwareRelease[] = []
  for (let start = 0; start < listed.length; start += MANIFEST_READS_IN_FLIGHT) {
    const batch = listed.slice(start, start + MANIFEST_READS_IN_FLIGHT)
    const read = await Promise.all(
      batch.map(({ key, ...location }) => readManifest(s3, bucket, key, location, signal)),
    )
    releases.push(...read.filter((release) => release !== undefined))
  }
  return releases.sort(
    (a, b) => a.model.localeCompare(b.model) || compareVersionsNewestFirst(a.version, b.version),
  )
}

export const firmwareReleasesOptions = (s3: S3Client, bucket: string) =>
  queryOptions({
    queryKey: jobsKeys.firmwareCatalog(),
    queryFn: ({ signal }) => listFirmwareReleases(s3, bucket, signal),
  })

export function useFirmwareReleases() {
  const { s3, config } = useAwsClients()
  return useQuery(firmwareReleasesOptions(s3, config.firmwareBucket))
}
