import Alert from '@cloudscape-design/components/alert'
import Box from '@cloudscape-design/components/box'
import Button from '@cloudscape-design/components/button'
import ExpandableSection from '@cloudscape-design/components/expandable-section'
import FormField from '@cloudscape-design/components/form-field'
import Input from '@cloudscape-design/components/input'
import Modal from '@cloudscape-design/components/modal'
import SpaceBetween from '@cloudscape-design/components/space-between'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { useQueries } from '@tanstack/react-query'
import { useState } from 'react'
import type { InstallDocument } from '@domain/job-document.ts'
import { proceedDecision } from '@domain/rollout-preflight.ts'
import { InlineError } from '@/components/inline-error.tsx'
import { useNotify } from '@/components/notifications/notifications.tsx'
import { RouterLink } from '@/components/router-link.tsx'
import { paths } from '@/config/paths.ts'
import { useSessionUser } from '@/lib/auth/session.tsx'
import { useAwsClients } from '@/lib/aws/aws-clients-context.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import type { JobDetail } from '../../../api/describe-job.ts'
import { rolloutPreflightOptions } from '../../../api/get-rollout-preflight.ts'
import {
  TooManyToRollBackError,
  useRollbackPlan,
  type RollbackPlanRead,
} from '../../../api/get-rollback-plan.ts'
import { useRollBackJob } from '../../../api/roll-back-job.ts'
import { NOTHING_TO_ROLL_BACK_TEXT } from '../../../utils/rollback-plan.ts'
import { PreflightPanel } from '../../wizard/preflight-panel.tsx'
import { actionErrorMessage } from './action-error-message.ts'

export interface RollbackModalProps {
  readonly jobId: string
  readonly job: JobDetail
  readonly document: InstallDocument
  readonly confirmationThreshold: number
  readonly onClose: () => void
}

const devices = (count: number) => `${count} ${count === 1 ? 'device' : 'devices'}`

function NothingToRollBackList({ plan }: { readonly plan: RollbackPlanRead }) {
  if (plan.nothingToRollBack.length === 0) return null
  return (
    <ExpandableSection
      headerText={`Nothing to roll back on ${devices(plan.nothingToRollBack.length)}`}
    >
      <ul aria-label="Nothing to roll back">
        {plan.nothingToRollBack.map((device) => (
          <li key={device.thingName}>
            <RouterLink href={paths.fleet.thing(device.thingName)}>{device.thingName}</RouterLink>
            {` ${NOTHING_TO_ROLL_BACK_TEXT[device.reason]}${device.reportedVersion === undefined ? '' : ` (reports ${device.reportedVersion})`}.`}
          </li>
        ))}
      </ul>
    </ExpandableSection>
  )
}

/**
 * One-click rollback: a forced install of the version each device ran
 * before, one job per version, after the same preflight as creation and
 * the bad job's id typed to confirm (a forced downgrade always asks for it).
 */
export function RollbackModal({
  jobId,
  job,
  document,
  confirmationThreshold,
  onClose,
}: RollbackModalProps) {
  const { iot } = useAwsClients()
  const { username } = useSessionUser()
  const notify = useNotify()
  const plan = useRollbackPlan(jobId, { jobId, job, document })
  const rollBack = useRollBackJob()
  const [typed, setTyped] = useState('')
  const [confirmationError, setConfirmationError] = useState<string | undefined>(undefined)
  const data = plan.data
  const existing = new Set(data?.existing.map((found) => found.jobId) ?? [])
  const toCreate = (data?.jobs ?? []).filter((planned) => !existing.has(planned.jobId))
  const preflights = useQueries({
    queries: toCreate.map((planned) =>
      rolloutPreflightOptions(iot, {
        target: { kind: 'things', thingNames: planned.things.map((thing) => thing.thingName) },
        release: { model: planned.release.model, version: planned.release.version },
      }),
    ),
  })
  const preflightsReady = preflights.every((preflight) => preflight.data !== undefined)
  const ready = data !== undefined && toCreate.length > 0 && preflightsReady
  const confirm = () => {
    if (data === undefined || !ready || rollBack.isPending) return
    if (typed.trim() !== jobId) {
      setConfirmationError(`Type ${jobId} exactly to confirm.`)
      return
    }
    setConfirmationError(undefined)
    rollBack.mutate(
      { plan: data, username },
      {
        onSuccess: (outcomes) => {
          for (const outcome of outcomes) {
            notify({
              type: 'success',
              header: outcome.created
                ? `Created rollback ${outcome.jobId}`
                : `Rollback ${outcome.jobId} had already been created`,
              content: `Forced install of ${data.model} ${outcome.version} on ${devices(outcome.devices)}.`,
              link: { href: paths.jobs.detail(outcome.jobId), text: `Open ${outcome.jobId}` },
            })
          }
          onClose()
        },
      },
    )
  }
  const tooMany = plan.error instanceof TooManyToRollBackError ? plan.error : undefined
  return (
    <Modal
      visible
      size="large"
      onDismiss={onClose}
      header={`Roll back ${jobId}?`}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>
              Cancel
            </Button>
            <Button
              variant="primary"
              onClick={confirm}
              loading={rollBack.isPending}
              disabled={!ready}
            >
              {toCreate.length > 1 ? `Create ${toCreate.length} rollback jobs` : 'Roll back'}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        {job.status === 'IN_PROGRESS' ? (
          <Alert type="warning" header={`${jobId} is still running`}>
            Devices that have not finished it yet are not in this rollback, and queued ones will
            still install the bad version. Cancel the job first, then roll back; rolling back again
            later reaches the devices that finished in between.
          </Alert>
        ) : null}
        {plan.isPending ? (
          <StatusIndicator type="loading">
            Reading what each device ran before this job
          </StatusIndicator>
        ) : null}
        {tooMany === undefined ? null : (
          <Alert
            type="warning"
            header="Too many devices for a device-by-device rollback"
            action={<RouterLink href={tooMany.wizardHref}>Open the wizard</RouterLink>}
          >
            {tooMany.message}
          </Alert>
        )}
        {plan.isError && tooMany === undefined ? (
          <InlineError message={actionErrorMessage(plan.error, 'plan the rollback')} />
        ) : null}
        {data === undefined ? null : (
          <>
            <Box>
              {`${jobId} touched ${devices(data.touched)}. ${
                toCreate.length === 0
                  ? 'No new rollback job is needed.'
                  : `${toCreate.length === 1 ? 'One forced job' : `${toCreate.length} forced jobs`} will install the version each device ran before: ${toCreate
                      .map(
                        (planned) =>
                          `${planned.release.version} on ${devices(planned.things.length)}`,
                      )
                      .join('; ')}.`
              }`}
            </Box>
            {data.existing.length === 0 ? null : (
              <Alert type="info" header="Already rolled back">
                <ul aria-label="Rollback jobs that exist">
                  {data.existing.map((found) => (
                    <li key={found.jobId}>
                      <RouterLink href={paths.jobs.detail(found.jobId)}>{found.jobId}</RouterLink>
                      {found.status === undefined ? '' : ` (${found.status})`}
                    </li>
                  ))}
                </ul>
              </Alert>
            )}
            {data.missingReleases.map((missing) => (
              <Alert
                key={missing.version}
                type="warning"
                header={`No ${data.model} ${missing.version} in the firmware catalog`}
              >
                {`${devices(missing.thingNames.length)} ran ${missing.version} before (${missing.thingNames.slice(0, 5).join(', ')}${missing.thingNames.length > 5 ? ', …' : ''}) and cannot be rolled back until that release is in the catalog.`}
              </Alert>
            ))}
            {toCreate.map((planned, index) => {
              const preflight = preflights[index]
              return (
                <SpaceBetween key={planned.jobId} size="xs">
                  <Box variant="h3">
                    {`Back to ${planned.release.model} ${planned.release.version}: ${devices(planned.things.length)}, job ${planned.jobId}`}
                  </Box>
                  <PreflightPanel
                    preflight={preflight?.data}
                    isPending={preflight?.isPending ?? true}
                    errorMessage={
                      preflight?.isError === true
                        ? awsErrorMessage(preflight.error, 'run the preflight')
                        : undefined
                    }
                    onRetry={() => void preflight?.refetch()}
                    decision={
                      preflight?.data === undefined
                        ? undefined
                        : proceedDecision(preflight.data, { forced: true, confirmationThreshold })
                    }
                    version={`${planned.release.model} ${planned.release.version}`}
                  />
                </SpaceBetween>
              )
            })}
            <NothingToRollBackList plan={data} />
            {toCreate.length === 0 ? null : (
              <FormField
                label={`Type ${jobId} to confirm`}
                description="These jobs are forced: devices on a newer version are downgraded, as a rollback must."
                errorText={confirmationError}
              >
                <Input
                  value={typed}
                  onChange={({ detail }) => setTyped(detail.value)}
                  ariaLabel="Typed confirmation"
                  autoComplete={false}
                />
              </FormField>
            )}
          </>
        )}
        {rollBack.error === null ? null : (
          <InlineError message={actionErrorMessage(rollBack.error, 'create the rollback')} />
        )}
      </SpaceBetween>
    </Modal>
  )
}
