import Alert from '@cloudscape-design/components/alert'
import Box from '@cloudscape-design/components/box'
import Button from '@cloudscape-design/components/button'
import ColumnLayout from '@cloudscape-design/components/column-layout'
import Container from '@cloudscape-design/components/container'
import Header from '@cloudscape-design/components/header'
import SpaceBetween from '@cloudscape-design/components/space-between'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { useState } from 'react'
import { abortConfigText, type AbortCriterion } from '@domain/job-monitoring/abort-config-text.ts'
import type { JobAlert } from '@domain/job-monitoring/job-alerts.ts'
import { AlertThresholdsForm } from './alert-thresholds-form.tsx'
import type { AlertThresholdSettings } from './use-alert-thresholds.ts'

export interface JobAlertsPanelProps {
  readonly alerts: readonly JobAlert[]
  readonly settings: AlertThresholdSettings
  readonly abortCriteria: readonly AbortCriterion[] | undefined
}

function alertText(alert: JobAlert): { header: string; body: string } {
  if (alert.kind === 'failure-rate') {
    return {
      header: `Failure rate ${alert.ratePercent.toFixed(0)} % is above ${String(alert.thresholdPercent)} %`,
      body: `${String(alert.failed)} of ${String(alert.outcomes)} devices that answered failed, rejected the job or timed out. Look at the failure reasons below; cancel or roll back if the build is bad.`,
    }
  }
  return {
    header: `p99 download time ${alert.p99Seconds.toFixed(0)} s is above ${String(alert.thresholdSeconds)} s`,
    body: `The slowest downloads among ${String(alert.samples)} reported take too long: check the devices' network and the firmware URL's expiry.`,
  }
}

/** Fleetdeck's alerts for this job beside the abort rule AWS applies by itself. */
export function JobAlertsPanel({ alerts, settings, abortCriteria }: JobAlertsPanelProps) {
  const [editing, setEditing] = useState(false)
  const { thresholds } = settings
  return (
    <Container
      header={
        <Header
          variant="h2"
          counter={alerts.length > 0 ? `(${String(alerts.length)})` : undefined}
          actions={
            editing ? null : <Button onClick={() => setEditing(true)}>Edit thresholds</Button>
          }
        >
          Alerts
        </Header>
      }
    >
      <SpaceBetween size="m">
        <div data-testid="job-alerts" data-count={alerts.length}>
          {alerts.length === 0 ? (
            <StatusIndicator type="success">No alert</StatusIndicator>
          ) : (
            <SpaceBetween size="s">
              {alerts.map((alert) => {
                const text = alertText(alert)
                return (
                  <Alert key={alert.kind} type="error" header={text.header}>
                    {text.body}
                  </Alert>
                )
              })}
            </SpaceBetween>
          )}
        </div>
        {editing ? (
          <AlertThresholdsForm
            thresholds={thresholds}
            onSave={(next, forEveryJob) => {
              settings.save(next, forEveryJob)
              setEditing(false)
            }}
            onReset={() => {
              settings.reset()
              setEditing(false)
            }}
            onCancel={() => setEditing(false)}
          />
        ) : null}
        <ColumnLayout columns={2} variant="text-grid">
          <div>
            <Box variant="awsui-key-label">Fleetdeck alerts when</Box>
            <div>
              Failure rate above {thresholds.maxFailureRatePercent} % once at least{' '}
              {thresholds.minOutcomes} devices answered
            </div>
            <div>p99 download time above {thresholds.maxP99DownloadSeconds} s</div>
            <Box variant="small" color="text-body-secondary">
              {settings.isDefault ? 'Default thresholds' : 'Tuned for this job'} · alerts only warn
            </Box>
          </div>
          <div data-testid="abort-config">
            <Box variant="awsui-key-label">AWS abort configuration</Box>
            {abortConfigText(abortCriteria).map((line) => (
              <div key={line}>{line}</div>
            ))}
          </div>
        </ColumnLayout>
      </SpaceBetween>
    </Container>
  )
}
