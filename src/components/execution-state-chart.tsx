import AreaChart, { type AreaChartProps } from '@cloudscape-design/components/area-chart'
import Box from '@cloudscape-design/components/box'
import { useMemo } from 'react'
import type { JobExecutionStatus } from '@domain/job-execution-status.ts'
import { totalOf } from '@domain/job-monitoring/execution-counts.ts'
import type { ExecutionTimeline } from '@domain/job-monitoring/execution-timeline.ts'
import { STATUS_COLORS, STATUS_LABELS } from '@/components/execution-status-labels.ts'
import { useThrottledValue } from '@/lib/use-throttled-value.ts'

/** Stacked in this order: done at the bottom, still to come on top. */
const STACK_ORDER: readonly JobExecutionStatus[] = [
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'REJECTED',
  'CANCELED',
  'REMOVED',
  'IN_PROGRESS',
  'QUEUED',
]

const CHART_REDRAW_MS = 1_000

export interface ExecutionStateChartProps {
  readonly timeline: ExecutionTimeline
  /** Extends the last counts to now, so a quiet job still shows time passing. */
  readonly nowMs: number
  /** The plot's height in pixels (the wall display draws it taller). */
  readonly height?: number
}

const timeFormatter = (date: Date) =>
  date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })

export function ExecutionStateChart({ timeline, nowMs, height = 220 }: ExecutionStateChartProps) {
  const shown = useThrottledValue(timeline, CHART_REDRAW_MS)
  const series = useMemo((): AreaChartProps.Series<Date>[] => {
    const last = shown.at(-1)
    if (last === undefined) return []
    const points = last.atMs < nowMs ? [...shown, { atMs: nowMs, counts: last.counts }] : shown
    const used = STACK_ORDER.filter((status) => shown.some((point) => point.counts[status] > 0))
    return used.map((status) => ({
      type: 'area',
      title: STATUS_LABELS[status],
      ...(STATUS_COLORS[status] === undefined ? {} : { color: STATUS_COLORS[status] }),
      data: points.map((point) => ({ x: new Date(point.atMs), y: point.counts[status] })),
    }))
  }, [shown, nowMs])
  const first = shown[0]
  const peak = Math.max(1, ...shown.map((point) => totalOf(point.counts)))
  return (
    <div data-testid="execution-state-chart" data-points={shown.length}>
      <AreaChart
        series={series}
        xScaleType="time"
        xDomain={
          first === undefined
            ? undefined
            : [new Date(first.atMs), new Date(Math.max(nowMs, first.atMs + 1000))]
        }
        yDomain={[0, peak]}
        xTitle="Time"
        yTitle="Executions"
        height={height}
        hideFilter
        statusType={first === undefined ? 'loading' : 'finished'}
        loadingText="Reading the job's counters"
        ariaLabel="Executions per status over time"
        i18nStrings={{
          xTickFormatter: timeFormatter,
          detailTotalLabel: 'Executions',
        }}
        empty={
          <Box textAlign="center" color="inherit">
            No executions yet
          </Box>
        }
      />
    </div>
  )
}
