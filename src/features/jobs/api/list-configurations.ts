import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { parseConfigKey, type ConfigLocation } from '../utils/config-keys.ts'
import { configurationKeys } from './configuration-keys.ts'

/**
 * Configuration files in the config bucket, a ListObjectsV2 page at a time:
 * model files (`<model>/<name>.json`) and device uploads
 * (`uploads/<thing>/<jobId>.json`, utils/config-keys.ts). Objects that are
 * neither are left out.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 */
export type ConfigurationFile = ConfigLocation & {
  readonly size: number
  readonly lastModified?: Date
}

export interface ConfigurationsPage {
  readonly files: readonly ConfigurationFile[]
  readonly nextToken?: string
}

export const CONFIGURATIONS_PAGE_SIZE = 50

export interface ListConfigurationsInput {
  readonly bucket: string
  /** Only keys starting with it: `uploads/`, `uploads/<thing>/` or `<model>/`. */
  readonly prefix?: string | undefined
  readonly continuationToken?: string | undefined
}

export async function listConfigurations(
  s3: S3Client,
  { bucket, prefix, continuationToken }: ListConfigurationsInput,
  signal?: AbortSignal,
): Promise<ConfigurationsPage> {
  const output = await s3.send(
    new ListObjectsV2Command({
      Bucket: bucket,
      MaxKeys: CONFIGURATIONS_PAGE_SIZE,
      ...(prefix ? { Prefix: prefix } : {}),
      ...(continuationToken === undefined ? {} : { ContinuationToken: continuationToken }),
    }),
    { abortSignal: signal },
  )
  const files = (output.Contents ?? []).flatMap((object): ConfigurationFile[] => {
    const location = parseConfigKey(object.Key ?? '')
    if (location === undefined) return []
    return [
      {
        ...location,
        size: object.Size ?? 0,
        ...(object.LastModified === undefined ? {} : { lastModified: object.LastModified }),
      },
    ]
  })
  return output.IsTruncated === true && output.NextContinuationToken
    ? { files, nextToken: output.NextContinuationToken }
    : { files }
}

export const listConfigurationsOptions = (s3: S3Client, input: ListConfigurationsInput) =>
  queryOptions({
    queryKey: configurationKeys.list(input.prefix ?? '', input.continuationToken ?? null),
    queryFn: ({ signal }) => listConfigurations(s3, input, signal),
  })

export function useListConfigurations(input: Omit<ListConfigurationsInput, 'bucket'>) {
  const { s3, config } = useAwsClients()
  return useQuery({
    ...listConfigurationsOptions(s3, { ...input, bucket: config.configBucket }),
    placeholderData: keepPreviousData,
  })
}
