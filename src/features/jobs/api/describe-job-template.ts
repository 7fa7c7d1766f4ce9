import {
  DescribeJobTemplateCommand,
  type DescribeJobTemplateResponse,
  type IoTClient,
} from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { jobsKeys } from './jobs-keys.ts'

/**
 * One template's document and options, to prefill the wizard.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_DescribeJobTemplate.html
 */
export async function describeJobTemplate(
  iot: IoTClient,
  jobTemplateId: string,
  signal?: AbortSignal,
): Promise<DescribeJobTemplateResponse> {
  const { $metadata: _metadata, ...template } = await iot.send(
    new DescribeJobTemplateCommand({ jobTemplateId }),
    { abortSignal: signal },
  )
  return template
}

export const jobTemplateOptions = (iot: IoTClient, jobTemplateId: string) =>
  queryOptions({
    queryKey: jobsKeys.template(jobTemplateId),
    queryFn: ({ signal }) => describeJobTemplate(iot, jobTemplateId, signal),
  })

export function useJobTemplate(jobTemplateId: string | undefined) {
  const { iot } = useAwsClients()
  return useQuery({
    ...jobTemplateOptions(iot, jobTemplateId ?? ''),
    enabled: jobTemplateId !== undefined,
  })
}
