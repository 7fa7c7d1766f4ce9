import type { UseQueryResult } from '@tanstack/react-query'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { freshnessOf } from '../utils/freshness.ts'
import { percentOf, type FleetTotals } from '../utils/fleet-totals.ts'
import { WALL_SCHEDULE } from '../utils/wall-schedule.ts'
import { FreshnessText } from './freshness-text.tsx'
import { ModelVersionBars } from './model-version-bars.tsx'
import styles from './wall.module.css'
import { formatCount } from './wall-format.ts'

export interface FleetPanelProps {
  readonly fleet: UseQueryResult<FleetTotals>
  readonly nowMs: number
}

/**
 * Devices, online devices and firmware versions per model, from the fleet
 * index's aggregations (api/get-fleet-totals.ts). `data-devices` and
 * `data-online` carry the numbers drawn, for end-to-end tests.
 */
export function FleetPanel({ fleet, nowMs }: FleetPanelProps) {
  const totals = fleet.data
  const freshness = freshnessOf(fleet.dataUpdatedAt, nowMs, WALL_SCHEDULE.fleetTotalsMs)
  return (
    <section
      className={styles.panel}
      aria-labelledby="wall-fleet-title"
      data-testid="wall-fleet"
      data-devices={totals?.devices}
      data-online={totals?.online}
    >
      <div className={styles.panelHeader}>
        <h2 id="wall-fleet-title" className={styles.panelTitle}>
          Fleet
        </h2>
        <FreshnessText freshness={freshness} />
      </div>
      {fleet.isError ? (
        <span className={styles.error} role="alert">
          {awsErrorMessage(fleet.error, 'count the fleet')}
        </span>
      ) : null}
      {totals === undefined ? (
        fleet.isPending ? (
          <span className={styles.empty}>Counting devices…</span>
        ) : null
      ) : (
        <>
          <div className={styles.stats}>
            <div className={styles.stat}>
              <span className={styles.label}>Devices</span>
              <span className={styles.bigNumber}>{formatCount(totals.devices)}</span>
            </div>
            <div className={styles.stat}>
              <span className={styles.label}>Online</span>
              <span className={styles.bigNumber}>{formatCount(totals.online)}</span>
              <span className={styles.share}>{percentOf(totals.online, totals.devices)} %</span>
            </div>
          </div>
          <ModelVersionBars models={totals.models} otherDevices={totals.otherDevices} />
        </>
      )}
    </section>
  )
}
