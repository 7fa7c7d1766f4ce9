import { GetJobDocumentCommand, type IoTClient } from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { parseJobDocument, type JobDocument } from '@domain/job-document.ts'
import { formatIssue } from '@domain/validation.ts'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { jobsKeys } from './jobs-keys.ts'

/**
 * A job's document, read with Fleetdeck's schema so the list can show the
 * operation and version. Jobs made by other tools may carry documents of
 * other shapes: those are reported as foreign with the reason, not as an
 * error. A job's document never changes, so it is cached for good.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_GetJobDocument.html
 */
export type JobDocumentRead =
  | { readonly kind: 'fleetdeck'; readonly document: JobDocument }
  | { readonly kind: 'foreign'; readonly problem: string }

export function readJobDocument(text: string | undefined): JobDocumentRead {
  if (text === undefined || text === '')
    return { kind: 'foreign', problem: 'The job has no document.' }
  const parsed = parseJobDocument(text)
  return parsed.ok
    ? { kind: 'fleetdeck', document: parsed.value }
    : { kind: 'foreign', problem: parsed.issues.map(formatIssue).join(' ') }
}

export async function getJobDocument(
  iot: IoTClient,
  jobId: string,
  signal?: AbortSignal,
): Promise<JobDocumentRead> {
  const output = await iot.send(new GetJobDocumentCommand({ jobId }), { abortSignal: signal })
  return readJobDocument(output.document)
}

export const getJobDocumentOptions = (iot: IoTClient, jobId: string) =>
  queryOptions({
    queryKey: [...jobsKeys.detail(jobId), 'document'] as const,
    queryFn: ({ signal }) => getJobDocument(iot, jobId, signal),
    staleTime: Number.POSITIVE_INFINITY,
  })

export function useJobDocument(jobId: string) {
  const { iot } = useAwsClients()
  return useQuery(getJobDocumentOptions(iot, jobId))
}
