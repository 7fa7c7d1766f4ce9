import ProgressBar from '@cloudscape-design/components/progress-bar'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { InlineError } from '@/components/inline-error.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { useDescribeJob } from '../../api/describe-job.ts'
import { jobProgressOf, jobProgressSummary } from '../../utils/job-progress.ts'

export interface JobProgressCellProps {
  readonly jobId: string
}

/** Finished executions over all of them, from DescribeJob's counters (utils/job-progress.ts). */
export function JobProgressCell({ jobId }: JobProgressCellProps) {
  const job = useDescribeJob(jobId)
  if (job.isPending) return <StatusIndicator type="loading">Loading</StatusIndicator>
  if (job.isError && job.data === undefined)
    return <InlineError message={awsErrorMessage(job.error, 'load the progress')} />
  const progress = jobProgressOf(job.data.processDetails)
  return (
    <>
      <ProgressBar
        value={progress.percent}
        ariaLabel={`Progress of ${jobId}`}
        description={`${progress.finished} of ${progress.total} devices finished`}
        additionalInfo={jobProgressSummary(progress)}
      />
      {job.isError ? (
        <InlineError message={awsErrorMessage(job.error, 'refresh the progress')} stale />
      ) : null}
    </>
  )
}
