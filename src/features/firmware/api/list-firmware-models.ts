import { paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { FIRMWARE_MODEL_RULE } from '@domain/firmware-manifest.ts'
import { identifierProblem } from '@domain/identifiers.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { firmwareKeys } from './firmware-keys.ts'

/**
 * The models the catalog has releases for: the bucket's top-level "folders"
 * (ListObjectsV2 with Delimiter "/" answers them as CommonPrefixes), one
 * cheap call that reads no manifest.
 */
export async function listFirmwareModels(
  s3: S3Client,
  bucket: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const models: string[] = []
  const pages = paginateListObjectsV2(
    { client: s3 },
    { Bucket: bucket, Delimiter: '/' },
    // The paginator hands arguments after the input to every `send`.
    { abortSignal: signal },
  )
  for await (const page of pages) {
    for (const { Prefix } of page.CommonPrefixes ?? []) {
      const model = Prefix?.slice(0, -1) ?? ''
      if (identifierProblem(FIRMWARE_MODEL_RULE, model) === undefined) models.push(model)
    }
  }
  return models
}

export const listFirmwareModelsQueryOptions = (s3: S3Client, bucket: string) =>
  queryOptions({
    queryKey: firmwareKeys.models(),
    queryFn: ({ signal }) => listFirmwareModels(s3, bucket, signal),
  })

export function useFirmwareModels() {
  const { s3, config } = useAwsClients()
  return useQuery(listFirmwareModelsQueryOptions(s3, config.firmwareBucket))
}
