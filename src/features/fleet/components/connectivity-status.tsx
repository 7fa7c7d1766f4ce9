import StatusIndicator from '@cloudscape-design/components/status-indicator'
import type { ThingConnectivity } from '../utils/thing-row.ts'
import { formatDateTime } from '@/lib/format-date-time.ts'

export interface ConnectivityStatusProps {
  readonly connectivity: ThingConnectivity | undefined
  /** Add when it connected or disconnected. */
  readonly detailed?: boolean
}

/** A device's connectivity from the fleet index; the disconnect reason is shown as text. */
export function ConnectivityStatus({ connectivity, detailed = false }: ConnectivityStatusProps) {
  if (connectivity === undefined) return <StatusIndicator type="info">Not indexed</StatusIndicator>
  const since =
    detailed && connectivity.since !== undefined
      ? ` since ${formatDateTime(connectivity.since)}`
      : ''
  if (connectivity.connected)
    return <StatusIndicator type="success">{`Connected${since}`}</StatusIndicator>
  const reason = connectivity.disconnectReason ? ` (${connectivity.disconnectReason})` : ''
  const never =
    connectivity.since === undefined ? 'Never connected' : `Disconnected${since}${reason}`
  return <StatusIndicator type="stopped">{never}</StatusIndicator>
}
