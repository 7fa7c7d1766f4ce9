import Box from '@cloudscape-design/components/box'
import ColumnLayout from '@cloudscape-design/components/column-layout'
import Container from '@cloudscape-design/components/container'
import Header from '@cloudscape-design/components/header'
import { formatDateTime } from '@/lib/format-date-time.ts'
import type { JobDetail } from '../../api/describe-job.ts'
import { JobCreatedByCell } from '../list/job-created-by-cell.tsx'
import { JobOperationCell } from '../list/job-operation-cell.tsx'
import { JobStatusIndicator } from '../list/job-status-indicator.tsx'
import { JobTargetsCell } from '../list/job-targets-cell.tsx'

export interface JobOverviewProps {
  readonly job: JobDetail
}

/** What the job is: status, operation and version, targets, who made it and when. */
export function JobOverview({ job }: JobOverviewProps) {
  return (
    <Container header={<Header variant="h2">Overview</Header>}>
      <ColumnLayout columns={4} variant="text-grid">
        <div>
          <Box variant="awsui-key-label">Status</Box>
          <JobStatusIndicator status={job.status} />
          {job.forceCanceled ? <Box variant="small">force-canceled</Box> : null}
          {job.reasonCode === undefined ? null : (
            <Box variant="small">reason: {job.reasonCode}</Box>
          )}
          {job.comment === undefined ? null : <Box variant="small">{job.comment}</Box>}
        </div>
        <div>
          <Box variant="awsui-key-label">Operation</Box>
          <JobOperationCell jobId={job.jobId} />
        </div>
        <div>
          <Box variant="awsui-key-label">Targets</Box>
          <JobTargetsCell jobId={job.jobId} targetSelection={job.targetSelection} />
        </div>
        <div>
          <Box variant="awsui-key-label">Created</Box>
          <div>{formatDateTime(job.createdAt)}</div>
          {job.jobArn === undefined ? null : (
            <JobCreatedByCell jobId={job.jobId} jobArn={job.jobArn} />
          )}
          {job.completedAt === undefined ? null : (
            <Box variant="small">completed {formatDateTime(job.completedAt)}</Box>
          )}
          {job.maximumPerMinute === undefined ? null : (
            <Box variant="small">rollout at most {job.maximumPerMinute} a minute</Box>
          )}
        </div>
      </ColumnLayout>
    </Container>
  )
}
