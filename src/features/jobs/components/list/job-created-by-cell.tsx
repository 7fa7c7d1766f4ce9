import Box from '@cloudscape-design/components/box'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { InlineError } from '@/components/inline-error.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { useJobTags } from '../../api/list-tags-for-resource.ts'
import { createdByOf } from '../../utils/created-by-tag.ts'

export interface JobCreatedByCellProps {
  readonly jobId: string
  readonly jobArn: string
}

/**
 * Who created the job: its `createdBy` tag (one ListTagsForResource per
 * visible row, cached per job). Jobs made by other tools have none: "—".
 * The value is shown as text, whoever wrote it.
 */
export function JobCreatedByCell({ jobId, jobArn }: JobCreatedByCellProps) {
  const tags = useJobTags(jobId, jobArn)
  if (tags.isPending) return <StatusIndicator type="loading">Loading</StatusIndicator>
  if (tags.isError && tags.data === undefined)
    return <InlineError message={awsErrorMessage(tags.error, 'load the job’s tags')} />
  const createdBy = createdByOf(tags.data)
  return createdBy === undefined ? <Box color="text-body-secondary">—</Box> : <>{createdBy}</>
}
