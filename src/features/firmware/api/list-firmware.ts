import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3'
import { queryOptions, useQuery } from '@tanstack/react-query'
import {
  firmwareModelPrefix,
  parseFirmwareManifest,
  parseFirmwareManifestKey,
} from '@domain/firmware-manifest.ts'
import { formatIssue } from '@domain/validation.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import { sortCatalogEntries, type FirmwareCatalogEntry } from '../utils/catalog-entries.ts'
import { mapWithConcurrency } from '../utils/map-with-concurrency.ts'
import { firmwareKeys } from './firmware-keys.ts'

/**
 * The catalog: every `<model>/<version>/firmware.json` in the firmware bucket
 * (ListObjectsV2 through the SDK's paginator), each manifest read and
 * checked. A manifest that cannot be read as one is listed as broken, with
 * the reason; one deleted between the listing and the read is left out.
 */

/** Manifests are a few hundred bytes; a far larger object under the name is not one, and is not downloaded. */
const MAX_MANIFEST_BYTES = 64 * 1024
/** Manifest reads at once: browsers allow ~6 connections per host over HTTP/1.1. */
const MANIFEST_READS_IN_FLIGHT = 6

export interface ListFirmwareInput {
  readonly bucket: string
  /** Only this model's releases (the `<model>/` prefix). */
  readonly model?: string | undefined
}

interface ListedManifest {
  readonly key: string
  readonly size: number
  readonly model: string
  readonly version: string
}

async function listManifestKeys(
  s3: S3Client,
  { bucket, model }: ListFirmwareInput,
  signal?: AbortSignal,
): Promise<ListedManifest[]> {
  const manifests: ListedManifest[] = []
  const pages = paginateListObjectsV2(
    { client: s3 },
    { Bucket: bucket, ...(model === undefined ? {} : { Prefix: firmwareModelPrefix(model) }) },
    // The paginator hands arguments after the input to every `send`.
    { abortSignal: signal },
  )
  for await (const page of pages) {
    for (const object of page.Contents ?? []) {
      const location = parseFirmwareManifestKey(object.Key ?? '')
      if (location !== undefined)
        manifests.push({ key: object.Key ?? '', size: object.Size ?? 0, ...location })
    }
  }
  return manifests
}

async function readEntry(
  s3: S3Client,
  bucket: string,
  listed: ListedManifest,
  signal?: AbortSignal,
): Promise<FirmwareCatalogEntry | undefined> {
  const { key, model, version } = listed
  const broken = (problem: string): FirmwareCatalogEntry => ({
    kind: 'broken',
    key,
    model,
    version,
    problem,
  })
  if (listed.size > MAX_MANIFEST_BYTES) {
    return broken(`The manifest is ${listed.size} bytes, too large to be one.`)
  }
  let text: string
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), {
      abortSignal: signal,
    })
    text = (await object.Body?.transformToString()) ?? ''
  } catch (error) {
    if (isNotFoundError(error)) return undefined
    throw error
  }
  const parsed = parseFirmwareManifest(text, { model, version })
  if (!parsed.ok) return broken(parsed.issues.map(formatIssue).join(' '))
  return { kind: 'release', key, model, version, manifest: parsed.value }
}

export async function listFirmware(
  s3: S3Client,
  input: ListFirmwareInput,
  signal?: AbortSignal,
): Promise<FirmwareCatalogEntry[]> {
  const listed = await listManifestKeys(s3, input, signal)
  const entries = await mapWithConcurrency(listed, MANIFEST_READS_IN_FLIGHT, (manifest) =>
    readEntry(s3, input.bucket, manifest, signal),
  )
  return sortCatalogEntries(
    entries.filter((entry): entry is FirmwareCatalogEntry => entry !== undefined),
  )
}

export const listFirmwareQueryOptions = (s3: S3Client, input: ListFirmwareInput) =>
  queryOptions({
    queryKey: firmwareKeys.catalog({ model: input.model }),
    queryFn: ({ signal }) => listFirmware(s3, input, signal),
  })

export function useFirmwareCatalog(model: string | undefined) {
  const { s3, config } = useAwsClients()
  return useQuery(listFirmwareQueryOptions(s3, { bucket: config.firmwareBucket, model }))
}
