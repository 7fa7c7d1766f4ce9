import Alert from '@cloudscape-design/components/alert'
import Container from '@cloudscape-design/components/container'
import ContentLayout from '@cloudscape-design/components/content-layout'
import Header from '@cloudscape-design/components/header'
import SpaceBetween from '@cloudscape-design/components/space-between'
import Spinner from '@cloudscape-design/components/spinner'
import { useMemo } from 'react'
import { useParams } from 'react-router'
import { identifierProblem, JOB_ID_RULE } from '@domain/identifiers.ts'
import { downloadPercentiles } from '@domain/job-monitoring/execution-insights.ts'
import { jobAlerts } from '@domain/job-monitoring/job-alerts.ts'
import { rolloutPace } from '@domain/job-monitoring/rollout-pace.ts'
import { paths } from '@/config/paths.ts'
import { InlineError } from '@/components/inline-error.tsx'
import { RouterLink } from '@/components/router-link.tsx'
import { awsErrorMessage, isNotFoundError } from '@/lib/aws/aws-error-message.ts'
import { LiveIndicator } from '@/lib/live/live-indicator.tsx'
import { useSessionUser } from '@/lib/auth/session.tsx'
import { useJobDocument } from '../../api/get-job-document.ts'
import { CancelExecutionButton } from './actions/cancel-execution-button.tsx'
import { JobActions } from './actions/job-actions.tsx'
import { RevertedDevicesAlert, useRevertedDevices } from './actions/reverted-devices.tsx'
import { ExecutionBreakdown } from './execution-breakdown.tsx'
import { ExecutionInsightsPanel } from './execution-insights-panel.tsx'
import { ExecutionStateChart } from '@/components/execution-state-chart.tsx'
import { ExecutionsTable } from './executions-table.tsx'
import { JobAlertsPanel } from './job-alerts-panel.tsx'
import { JobOverview } from './job-overview.tsx'
import { useAlertThresholds } from './use-alert-thresholds.ts'
import { isJobSettled, POLLING_INTERVAL_MS, useJobMonitor } from './use-job-monitor.ts'
import { useThrottledValue } from '@/lib/use-throttled-value.ts'
import { useNow } from '@/lib/use-now.ts'

/**
 * `/jobs/:jobId`: one job, live. Counters, chart, pace, downloads and
 * failures, alerts, every execution, and the actions (cancel, retry,
 * roll back) for operators.
 */
export function JobDetailPage() {
  const jobId = useParams().jobId ?? ''
  const problem = identifierProblem(JOB_ID_RULE, jobId)
  if (problem !== undefined)
    return (
      <ContentLayout header={<Header variant="h1">Job</Header>}>
        <Alert type="error" header="This is not a job ID">
          {problem}
        </Alert>
      </ContentLayout>
    )
  // A new job is a new page: no state (thresholds, dialogs, chart) carries over.
  return <JobMonitorView key={jobId} jobId={jobId} />
}

function JobMonitorView({ jobId }: { readonly jobId: string }) {
  const { role } = useSessionUser()
  const monitor = useJobMonitor(jobId)
  const document = useJobDocument(jobId)
  const settings = useAlertThresholds(jobId)
  const job = monitor.job.data
  const counts = monitor.counts
  const finished = isJobSettled(job?.status, counts)
  const nowMs = useNow(1_000, job !== undefined && !finished)
  // Percentiles sort every download time: once a second is plenty.
  const insights = useThrottledValue(monitor.insights, 1_000)
  const downloads = useMemo(() => downloadPercentiles(insights), [insights])
  const alerts = counts === undefined ? [] : jobAlerts(counts, downloads, settings.thresholds)
  const pace = rolloutPace(monitor.timeline, nowMs)
  const installDocument =
    document.data?.kind === 'fleetdeck' && document.data.document.operation === 'install'
      ? document.data.document
      : undefined
  const reverted = useRevertedDevices(jobId, job, installDocument)

  const header = (
    <Header
      variant="h1"
      description={job?.description}
      actions={
        <SpaceBetween direction="horizontal" size="xs" alignItems="center">
          <LiveIndicator pollIntervalMs={POLLING_INTERVAL_MS} />
          {role === 'operator' && job !== undefined ? (
            <JobActions jobId={jobId} job={job} document={document.data} counts={counts} />
          ) : null}
        </SpaceBetween>
      }
    >
      {jobId}
    </Header>
  )

  if (job === undefined) {
    return (
      <ContentLayout header={header}>
        {monitor.job.isError ? (
          isNotFoundError(monitor.job.error) ? (
            <Alert type="error" header="Job not found">
              No job “{jobId}” exists in this account and region. It may have been deleted.{' '}
              <RouterLink href={paths.jobs.list()}>All jobs</RouterLink>
            </Alert>
          ) : (
            <Alert type="error" header="The job could not be loaded">
              {awsErrorMessage(monitor.job.error, 'load the job')}
            </Alert>
          )
        ) : (
          <Spinner size="large" />
        )}
      </ContentLayout>
    )
  }

  return (
    <ContentLayout header={header}>
      <SpaceBetween size="l">
        {monitor.job.isError ? (
          <InlineError stale message={awsErrorMessage(monitor.job.error, 'refresh the job')} />
        ) : null}
        <JobOverview job={job} />
        <RevertedDevicesAlert result={reverted} />
        <JobAlertsPanel alerts={alerts} settings={settings} abortCriteria={job.abortCriteria} />
        <Container header={<Header variant="h2">Progress</Header>}>
          <SpaceBetween size="l">
            {counts === undefined ? null : (
              <ExecutionBreakdown counts={counts} pace={pace} jobFinished={finished} />
            )}
            <ExecutionStateChart timeline={monitor.timeline} nowMs={nowMs} />
          </SpaceBetween>
        </Container>
        {counts === undefined ? null : (
          <ExecutionInsightsPanel
            insights={insights}
            downloads={downloads}
            counts={counts}
            loading={monitor.insightsLoading}
            error={monitor.insightsError}
          />
        )}
        <ExecutionsTable
          jobId={jobId}
          counts={counts}
          revertedThingNames={reverted.thingNames}
          rowAction={(row, status) =>
            role === 'operator' ? (
              <CancelExecutionButton jobId={jobId} thingName={row.thingName} status={status} />
            ) : null
          }
        />
      </SpaceBetween>
    </ContentLayout>
  )
}
