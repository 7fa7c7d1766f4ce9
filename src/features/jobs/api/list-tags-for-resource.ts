import { ListTagsForResourceCommand, type IoTClient } from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import type { ResourceTag } from '../utils/created-by-tag.ts'
import { jobsKeys } from './jobs-keys.ts'

/**
 * Every tag of a job, following nextToken (AWS allows 50 tags per resource,
 * so this is one page in practice). Viewers may call it: it is an
 * `iot:List*` action.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_ListTagsForResource.html
 */
export async function listTagsForResource(
  iot: IoTClient,
  resourceArn: string,
  signal?: AbortSignal,
): Promise<ResourceTag[]> {
  const tags: ResourceTag[] = []
  let nextToken: string | undefined
  do {
    const output = await iot.send(
      new ListTagsForResourceCommand({
        resourceArn,
        ...(nextToken === undefined ? {} : { nextToken }),
      }),
      { abortSignal: signal },
    )
    tags.push(...(output.tags ?? []))
    nextToken = output.nextToken || undefined
  } while (nextToken !== undefined)
  return tags
}

/**
 * Keyed by job id (a job's ARN follows from it). Fleetdeck sets tags only at
 * creation, but other tools may TagResource later, so they go stale as
 * DescribeJob does (the app's default) rather than being cached for good.
 */
export const listJobTagsOptions = (iot: IoTClient, jobId: string, jobArn: string) =>
  queryOptions({
    queryKey: jobsKeys.tags(jobId),
    queryFn: ({ signal }) => listTagsForResource(iot, jobArn, signal),
  })

export function useJobTags(jobId: string, jobArn: string) {
  const { iot } = useAwsClients()
  return useQuery(listJobTagsOptions(iot, jobId, jobArn))
}
