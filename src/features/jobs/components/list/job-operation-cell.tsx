import Badge from '@cloudscape-design/components/badge'
import Box from '@cloudscape-design/components/box'
import SpaceBetween from '@cloudscape-design/components/space-between'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { InlineError } from '@/components/inline-error.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { useJobDocument } from '../../api/get-job-document.ts'

export interface JobOperationCellProps {
  readonly jobId: string
}

/** What the job does, from its document: the operation and, for installs, the version (and whether it is forced). */
export function JobOperationCell({ jobId }: JobOperationCellProps) {
  const read = useJobDocument(jobId)
  if (read.isPending) return <StatusIndicator type="loading">Loading</StatusIndicator>
  if (read.isError)
    return <InlineError message={awsErrorMessage(read.error, 'load the document')} />
  if (read.data.kind === 'foreign')
    return (
      <span title={read.data.problem}>
        <Box variant="small" color="text-body-secondary">
          Not a Fleetdeck document
        </Box>
      </span>
    )
  const { document } = read.data
  return (
    <SpaceBetween size="xxxs" direction="horizontal" alignItems="center">
      <span>{document.operation}</span>
      {document.operation === 'install' ? (
        <>
          <Box variant="strong">{document.version}</Box>
          {document.model === undefined ? null : <Box variant="small">{document.model}</Box>}
          {document.forced ? <Badge color="severity-high">forced</Badge> : null}
        </>
      ) : null}
    </SpaceBetween>
  )
}
