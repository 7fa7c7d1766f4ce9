import Box from '@cloudscape-design/components/box'
import ColumnLayout from '@cloudscape-design/components/column-layout'
import ProgressBar from '@cloudscape-design/components/progress-bar'
import SpaceBetween from '@cloudscape-design/components/space-between'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { JOB_EXECUTION_STATUSES } from '@domain/job-execution-status.ts'
import {
  finishedOf,
  totalOf,
  type ExecutionCounts,
} from '@domain/job-monitoring/execution-counts.ts'
import type { RolloutPace } from '@domain/job-monitoring/rollout-pace.ts'
import { STATUS_INDICATORS, STATUS_LABELS } from '@/components/execution-status-labels.ts'
import { formatDuration } from '@/lib/format-duration.ts'

export interface ExecutionBreakdownProps {
  readonly counts: ExecutionCounts
  readonly pace: RolloutPace
  readonly jobFinished: boolean
}

const number = new Intl.NumberFormat()

/**
 * The counts now, a progress bar and the pace. The data attributes carry
 * the counts drawn, for the end-to-end tests and the benchmark to read.
 */
export function ExecutionBreakdown({ counts, pace, jobFinished }: ExecutionBreakdownProps) {
  const total = totalOf(counts)
  const finished = finishedOf(counts)
  // Floor, so 100 % means every execution has finished.
  const percent = total === 0 ? 0 : Math.floor((finished / total) * 100)
  return (
    <div
      data-testid="execution-breakdown"
      data-total={total}
      data-queued={counts.QUEUED}
      data-in-progress={counts.IN_PROGRESS}
      data-succeeded={counts.SUCCEEDED}
      data-failed={counts.FAILED}
      data-rejected={counts.REJECTED}
      data-timed-out={counts.TIMED_OUT}
      data-canceled={counts.CANCELED}
      data-removed={counts.REMOVED}
    >
      <SpaceBetween size="m">
        <ProgressBar
          value={percent}
          label="Finished executions"
          description={`${number.format(finished)} of ${number.format(total)}`}
          additionalInfo={paceText(pace, jobFinished)}
        />
        <ColumnLayout columns={4} variant="text-grid" minColumnWidth={120}>
          {JOB_EXECUTION_STATUSES.map((status) => (
            <div key={status}>
              <Box variant="awsui-key-label">
                <StatusIndicator type={STATUS_INDICATORS[status]}>
                  {STATUS_LABELS[status]}
                </StatusIndicator>
              </Box>
              <Box variant="awsui-value-large" data-status={status}>
                {number.format(counts[status])}
              </Box>
            </div>
          ))}
        </ColumnLayout>
      </SpaceBetween>
    </div>
  )
}

function paceText(pace: RolloutPace, jobFinished: boolean): string {
  if (jobFinished || pace.remaining === 0) return 'Nothing left to run.'
  if (pace.perMinute === undefined) return 'Measuring the rollout rate…'
  const rate = `${pace.perMinute.toFixed(pace.perMinute < 10 ? 1 : 0)} executions a minute over the last minutes`
  if (pace.etaMs === undefined)
    return `${rate}: nothing finished lately, so no estimate for the ${number.format(pace.remaining)} left.`
  return `${rate}; the ${number.format(pace.remaining)} left would take about ${formatDuration(pace.etaMs)}.`
}
