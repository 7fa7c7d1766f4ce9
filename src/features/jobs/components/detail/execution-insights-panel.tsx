import Box from '@cloudscape-design/components/box'
import ColumnLayout from '@cloudscape-design/components/column-layout'
import Container from '@cloudscape-design/components/container'
import Header from '@cloudscape-design/components/header'
import SpaceBetween from '@cloudscape-design/components/space-between'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import Table from '@cloudscape-design/components/table'
import { failedOf, type ExecutionCounts } from '@domain/job-monitoring/execution-counts.ts'
import {
  failureReasons,
  type DownloadPercentiles,
  type ExecutionInsights,
} from '@domain/job-monitoring/execution-insights.ts'
import { InlineError } from '@/components/inline-error.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { formatMilliseconds } from '@/lib/format-duration.ts'

export interface ExecutionInsightsPanelProps {
  readonly insights: ExecutionInsights
  readonly downloads: DownloadPercentiles
  readonly counts: ExecutionCounts
  readonly loading: boolean
  readonly error: unknown
}

/**
 * Download-time percentiles and failure reasons, from what devices
 * reported when they finished: every event this page received plus a
 * bounded sample read when it opened. The panel says how many devices the
 * figures come from, so nobody mistakes a sample for the whole fleet.
 */
export function ExecutionInsightsPanel({
  insights,
  downloads,
  counts,
  loading,
  error,
}: ExecutionInsightsPanelProps) {
  const { reasons, observedFailures } = failureReasons(insights)
  const failed = failedOf(counts)
  const percentile = (value: number | undefined) =>
    value === undefined ? '—' : formatMilliseconds(value)
  return (
    <Container
      header={
        <Header
          variant="h2"
          description={
            loading
              ? 'Reading a sample of finished executions…'
              : `From ${String(downloads.samples)} download times and ${String(observedFailures)} of ${String(failed)} failed executions reported so far.`
          }
        >
          Downloads and failures
        </Header>
      }
    >
      <SpaceBetween size="m">
        {error ? <InlineError message={awsErrorMessage(error, 'sample the executions')} /> : null}
        <ColumnLayout columns={3} variant="text-grid">
          {(
            [
              ['p50', downloads.p50],
              ['p95', downloads.p95],
              ['p99', downloads.p99],
            ] as const
          ).map(([label, value]) => (
            <div key={label} data-testid={`download-${label}`}>
              <Box variant="awsui-key-label">Download time {label}</Box>
              <Box variant="awsui-value-large">{percentile(value)}</Box>
            </div>
          ))}
        </ColumnLayout>
        <Table
          variant="embedded"
          data-testid="failure-reasons"
          items={[...reasons]}
          trackBy="reason"
          columnDefinitions={[
            // Reasons are device-reported text: rendered as text, never as markup.
            { id: 'reason', header: 'Failure reason', cell: (item) => item.reason },
            { id: 'count', header: 'Devices', cell: (item) => item.count },
          ]}
          empty={
            <Box textAlign="center" color="inherit">
              {loading ? (
                <StatusIndicator type="loading">Loading</StatusIndicator>
              ) : (
                'No failures reported'
              )}
            </Box>
          }
        />
      </SpaceBetween>
    </Container>
  )
}
