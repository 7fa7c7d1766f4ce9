import Alert from '@cloudscape-design/components/alert'
import Box from '@cloudscape-design/components/box'
import Checkbox from '@cloudscape-design/components/checkbox'
import Container from '@cloudscape-design/components/container'
import FormField from '@cloudscape-design/components/form-field'
import Header from '@cloudscape-design/components/header'
import Input from '@cloudscape-design/components/input'
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs'
import SpaceBetween from '@cloudscape-design/components/space-between'
import type { Preflight, ProceedDecision } from '@domain/rollout-preflight.ts'
import type { JobOptionsForm } from '../../utils/firmware-job-form.ts'
import { PreflightPanel } from './preflight-panel.tsx'

export interface ReviewStepProps {
  readonly targetLabel: string
  readonly releaseLabel: string
  readonly forced: boolean
  readonly options: JobOptionsForm
  /** The job template the job starts from: CreateJob gets its ARN. */
  readonly jobTemplateId: string | undefined
  /** The operator-presigned URL signed so far, with its (possibly capped) expiry. */
  readonly operatorUrl:
    { readonly expiresAtMs: number; readonly cappedByCredentials: boolean } | undefined
  readonly documentText: string | undefined
  readonly documentProblem: string | undefined
  readonly overridden: readonly string[]
  readonly preflight: Preflight | undefined
  readonly preflightPending: boolean
  readonly preflightError: string | undefined
  readonly onRetryPreflight: () => void
  readonly decision: ProceedDecision | undefined
  /** What the operator must type to confirm, when the decision asks for it. */
  readonly confirmationName: string
  readonly typedConfirmation: string
  readonly onTypedConfirmationChange: (value: string) => void
  readonly confirmationError: string | undefined
  /** Devices this non-forced job would downgrade: they will REJECT it. */
  readonly downgradeCount: number
  /** The preflight could not list every version, and the job is not forced. */
  readonly truncated: boolean
  readonly acceptRejections: boolean
  readonly onAcceptRejectionsChange: (accepted: boolean) => void
}

const rolloutText = (options: JobOptionsForm) =>
  options.rolloutMode === 'constant'
    ? `At most ${options.maximumPerMinute} a minute`
    : options.rolloutMode === 'exponential'
      ? `From ${options.baseRatePerMinute} a minute, × ${options.incrementFactor}`
      : 'AWS default'

const operatorUrlText = (props: ReviewStepProps) => {
  const url = props.operatorUrl
  if (url === undefined)
    return `Pre-signed with your credentials, valid ${props.options.operatorUrlExpiryHours} h`
  const until = new Date(url.expiresAtMs).toLocaleString()
  return url.cappedByCredentials
    ? `Pre-signed with your credentials, valid until ${until}: capped at your session credentials' expiry, since a pre-signed URL stops working when the credentials that signed it expire. Signed again when you create the job unless at least 10 minutes remain.`
    : `Pre-signed with your credentials, valid until ${until}. Signed again when you create the job unless at least 10 minutes remain.`
}

/** Step 4: everything the job will be, the merged document, and the preflight. */
export function ReviewStep(props: ReviewStepProps) {
  const { options, decision } = props
  return (
    <SpaceBetween size="l">
      <Container header={<Header variant="h2">Summary</Header>}>
        <KeyValuePairs
          columns={3}
          items={[
            { label: 'Target', value: props.targetLabel },
            { label: 'Firmware', value: props.releaseLabel },
            { label: 'Forced', value: props.forced ? 'Yes: downgrades are installed' : 'No' },
            { label: 'Target selection', value: options.targetSelection },
            { label: 'Rollout', value: rolloutText(options) },
            {
              label: 'Abort',
              value: options.abortEnabled
                ? `Cancel at ${options.abortThresholdPercentage}% ${options.abortFailureType} after ${options.abortMinNumberOfExecutedThings} devices`
                : 'None',
            },
            {
              label: 'Timeout and retries',
              value: `${options.inProgressTimeoutInMinutes === '' ? 'No timeout' : `${options.inProgressTimeoutInMinutes} min`}; retries FAILED ${options.retryFailed || '0'}, TIMED_OUT ${options.retryTimedOut || '0'}`,
            },
            {
              label: 'Schedule',
              value:
                options.startTime === '' &&
                options.endTime === '' &&
                options.maintenanceWindowCron === ''
                  ? 'Starts now'
                  : `${options.startTime || 'now'} → ${options.endTime || 'no end'}${options.maintenanceWindowCron === '' ? '' : `; window ${options.maintenanceWindowCron} for ${options.maintenanceWindowMinutes} min`}`,
            },
            {
              label: 'Firmware URL',
              value:
                options.urlMode === 'placeholder'
                  ? `Pre-signed by IoT, valid ${options.presignedUrlExpirySeconds} s`
                  : operatorUrlText(props),
            },
            ...(props.jobTemplateId === undefined
              ? []
              : [
                  {
                    label: 'Job template',
                    value: `${props.jobTemplateId}: AWS takes the template's settings for any option left empty here; those set here win.`,
                  },
                ]),
          ]}
        />
      </Container>
      <Container
        header={
          <Header
            variant="h2"
            description="The exact document devices receive (placeholders are replaced by IoT when a device fetches it)."
          >
            Job document
          </Header>
        }
      >
        <SpaceBetween size="s">
          {props.documentProblem === undefined ? null : (
            <Alert type="error" header="The document cannot be created">
              {props.documentProblem}
            </Alert>
          )}
          {props.overridden.length > 0 ? (
            <Alert type="info">
              Generated fields replaced these custom fields: {props.overridden.join(', ')}.
            </Alert>
          ) : null}
          {props.documentText === undefined ? null : (
            <Box variant="pre">
              <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                {JSON.stringify(JSON.parse(props.documentText), null, 2)}
              </span>
            </Box>
          )}
        </SpaceBetween>
      </Container>
      <PreflightPanel
        preflight={props.preflight}
        isPending={props.preflightPending}
        errorMessage={props.preflightError}
        onRetry={props.onRetryPreflight}
        decision={decision}
        version={props.releaseLabel}
      />
      {props.downgradeCount > 0 || props.truncated ? (
        <Container header={<Header variant="h2">Devices on newer versions</Header>}>
          <Checkbox
            checked={props.acceptRejections}
            onChange={({ detail }) => props.onAcceptRejectionsChange(detail.checked)}
            description="They keep the version they run and the job counts them as REJECTED; AWS does not retry a rejection. To move them back instead, go back and force the downgrade."
          >
            {props.downgradeCount > 0
              ? `Send without forcing: ${props.downgradeCount} ${props.downgradeCount === 1 ? 'device' : 'devices'} will reject it`
              : 'Send without forcing: devices on newer versions the preflight could not count will reject it'}
          </Checkbox>
        </Container>
      ) : null}
      {decision?.kind === 'confirm' ? (
        <Container header={<Header variant="h2">Confirm</Header>}>
          <SpaceBetween size="s">
            <Alert type="warning" header="This job needs a typed confirmation">
              {decision.reasons.join(' ')}
            </Alert>
            <FormField
              label={`Type ${props.confirmationName} to confirm`}
              errorText={props.confirmationError}
            >
              <Input
                value={props.typedConfirmation}
                onChange={({ detail }) => props.onTypedConfirmationChange(detail.value)}
                ariaLabel="Typed confirmation"
                autoComplete={false}
              />
            </FormField>
          </SpaceBetween>
        </Container>
      ) : null}
    </SpaceBetween>
  )
}
