import Box from '@cloudscape-design/components/box'
import SpaceBetween from '@cloudscape-design/components/space-between'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { InlineError } from '@/components/inline-error.tsx'
import { RouterLink } from '@/components/router-link.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { useDescribeJob } from '../../api/describe-job.ts'
import { jobTargetLinksOf } from '../../utils/job-target-links.ts'

/** Targets shown in a row before "and N more": a job may have up to 100. */
const SHOWN_TARGETS = 3

export interface JobTargetsCellProps {
  readonly jobId: string
  readonly targetSelection: string | undefined
}

/** The job's things and groups, linked to the fleet pages, and whether it is SNAPSHOT or CONTINUOUS. */
export function JobTargetsCell({ jobId, targetSelection }: JobTargetsCellProps) {
  const job = useDescribeJob(jobId)
  if (job.isPending) return <StatusIndicator type="loading">Loading</StatusIndicator>
  if (job.isError && job.data === undefined)
    return <InlineError message={awsErrorMessage(job.error, 'load the targets')} />
  const links = jobTargetLinksOf(job.data.targets)
  const hidden = links.length - SHOWN_TARGETS
  return (
    <SpaceBetween size="xxxs">
      {links.slice(0, SHOWN_TARGETS).map((link) =>
        link.kind === 'other' ? (
          <span key={link.arn}>{link.arn}</span>
        ) : (
          <span key={`${link.kind}/${link.name}`}>
            {link.kind === 'thinggroup' ? 'Group ' : 'Thing '}
            <RouterLink href={link.href}>{link.name}</RouterLink>
          </span>
        ),
      )}
      {hidden > 0 ? <Box variant="small">and {hidden} more</Box> : null}
      <Box variant="small" color="text-body-secondary">
        {job.data.targetSelection ?? targetSelection ?? ''}
      </Box>
      {job.isError ? (
        <InlineError message={awsErrorMessage(job.error, 'refresh the targets')} stale />
      ) : null}
    </SpaceBetween>
  )
}
