import { paginateListJobTemplates, type IoTClient } from '@aws-sdk/client-iot'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { jobsKeys } from './jobs-keys.ts'

/**
 * Every job template, for the wizard's "Start from a template" choice. An
 * account keeps a few dozen templates, so all pages are read.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_ListJobTemplates.html
 */
export interface JobTemplateSummary {
  readonly jobTemplateId: string
  readonly description: string | undefined
  readonly createdAt: Date | undefined
}

export async function listJobTemplates(
  iot: IoTClient,
  signal?: AbortSignal,
): Promise<JobTemplateSummary[]> {
  const templates: JobTemplateSummary[] = []
  for await (const page of paginateListJobTemplates(
    { client: iot },
    { maxResults: 250 },
    { abortSignal: signal },
  )) {
    for (const template of page.jobTemplates ?? []) {
      if (template.jobTemplateId === undefined) continue
      templates.push({
        jobTemplateId: template.jobTemplateId,
        description: template.description,
        createdAt: template.createdAt,
      })
    }
  }
  return templates
}

export const jobTemplatesOptions = (iot: IoTClient) =>
  queryOptions({
    queryKey: jobsKeys.templates(),
    queryFn: ({ signal }) => listJobTemplates(iot, signal),
  })

export function useJobTemplates({ enabled = true } = {}) {
  const { iot } = useAwsClients()
  return useQuery({ ...jobTemplatesOptions(iot), enabled })
}
