import Popover from '@cloudscape-design/components/popover'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { useLiveStatus } from './live-events-provider.tsx'

export interface LiveIndicatorProps {
  /** How often the page re-reads its counters while events are not pushed, to tell the reader. */
  readonly pollIntervalMs?: number
}

/**
 * Whether the page moves by itself: "Live" while events are pushed,
 * "Polling" while the page re-reads instead (the popover says why and how
 * often), "Connecting…" before the first connection. `data-state` (live |
 * polling | connecting) is for end-to-end tests and the benchmark.
 */
export function LiveIndicator({ pollIntervalMs }: LiveIndicatorProps) {
  const status = useLiveStatus()
  return (
    <span data-testid="live-indicator" data-state={status}>
      {status === 'live' && <StatusIndicator type="success">Live</StatusIndicator>}
      {status === 'connecting' && <StatusIndicator type="loading">Connecting…</StatusIndicator>}
      {status === 'polling' && (
        <Popover
          triggerType="text"
          dismissButton={false}
          header="Live updates are down"
          content={`The counters refresh ${refreshInterval(pollIntervalMs)} until the connection for live updates is back. It is retried automatically.`}
        >
          <StatusIndicator type="warning">Polling</StatusIndicator>
        </Popover>
      )}
    </span>
  )
}

function refreshInterval(pollIntervalMs: number | undefined): string {
  if (pollIntervalMs === undefined) return 'every few seconds'
  const seconds = Math.max(1, Math.round(pollIntervalMs / 1000))
  return seconds === 1 ? 'every second' : `every ${seconds} seconds`
}
