import Box from '@cloudscape-design/components/box'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { InlineError } from '@/components/inline-error.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { useDescribeJob } from '../../api/describe-job.ts'

export interface JobCreatedByCellProps {
  readonly jobId: string
}

/**
 * Who created the job, from its description: Fleetdeck's own jobs say there
 * who made them (they also carry a `createdBy` tag, but reading it would take
 * a ListTagsForResource per row, which the local cloud does not model).
 */
export function JobCreatedByCell({ jobId }: JobCreatedByCellProps) {
  const job = useDescribeJob(jobId)
  if (job.isPending) return <StatusIndicator type="loading">Loading</StatusIndicator>
  if (job.isError && job.data === undefined)
    return <InlineError message={awsErrorMessage(job.error, 'load the description')} />
  return job.data.description === undefined ? (
    <Box color="text-body-secondary">—</Box>
  ) : (
    <>{job.data.description}</>
  )
}
