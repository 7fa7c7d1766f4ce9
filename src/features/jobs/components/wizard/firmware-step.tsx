import Alert from '@cloudscape-design/components/alert'
import Checkbox from '@cloudscape-design/components/checkbox'
import Container from '@cloudscape-design/components/container'
import FormField from '@cloudscape-design/components/form-field'
import Header from '@cloudscape-design/components/header'
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs'
import Select from '@cloudscape-design/components/select'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { InlineError } from '@/components/inline-error.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import { useFirmwareReleases, type FirmwareRelease } from '../../api/list-firmware-releases.ts'
import type { WizardState } from '../../utils/wizard-state.ts'

export interface FirmwareStepProps {
  readonly state: WizardState
  readonly onChange: (patch: Partial<WizardState>) => void
  readonly errorText: string | undefined
}

const formatBytes = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 ** 2
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 1024 ** 2).toFixed(1)} MiB`

/** The release the job's state names, once the catalog is loaded. */
export function selectedRelease(
  releases: readonly FirmwareRelease[] | undefined,
  state: Pick<WizardState, 'model' | 'version'>,
): FirmwareRelease | undefined {
  return releases?.find(
    (release) => release.model === state.model && release.version === state.version,
  )
}

/** Step 2: model, then version, from the catalog; and whether to force a downgrade. */
export function FirmwareStep({ state, onChange, errorText }: FirmwareStepProps) {
  const catalog = useFirmwareReleases()
  const releases = catalog.data ?? []
  const models = [...new Set(releases.map((release) => release.model))]
  const versions = releases.filter((release) => release.model === state.model)
  const release = selectedRelease(catalog.data, state)
  const statusType = catalog.isPending ? 'loading' : catalog.isError ? 'error' : 'finished'
  const errorMessage = catalog.isError
    ? awsErrorMessage(catalog.error, 'load the firmware catalog')
    : undefined
  return (
    <Container header={<Header variant="h2">Firmware</Header>}>
      <SpaceBetween size="l">
        {errorMessage === undefined ? null : <InlineError message={errorMessage} />}
        <FormField
          label="Model"
          errorText={errorText !== undefined && state.model === '' ? errorText : undefined}
        >
          <Select
            selectedOption={state.model === '' ? null : { value: state.model, label: state.model }}
            onChange={({ detail }) =>
              onChange({ model: detail.selectedOption.value ?? '', version: '' })
            }
            options={models.map((model) => ({ value: model, label: model }))}
            placeholder="Choose a model"
            statusType={statusType}
            loadingText="Loading the catalog"
            errorText={errorMessage}
            empty="The catalog has no firmware yet."
            ariaLabel="Model"
          />
        </FormField>
        <FormField
          label="Version"
          errorText={errorText !== undefined && state.model !== '' ? errorText : undefined}
        >
          <Select
            selectedOption={
              state.version === '' ? null : { value: state.version, label: state.version }
            }
            onChange={({ detail }) => onChange({ version: detail.selectedOption.value ?? '' })}
            options={versions.map((entry) => ({
              value: entry.version,
              label: entry.version,
              description: entry.notes === '' ? undefined : entry.notes,
            }))}
            placeholder={state.model === '' ? 'Choose a model first' : 'Choose a version'}
            disabled={state.model === ''}
            statusType={statusType}
            ariaLabel="Version"
          />
        </FormField>
        {release === undefined ? null : (
          <KeyValuePairs
            columns={3}
            items={[
              {
                label: 'Size',
                value: `${formatBytes(release.size)} (${release.size.toLocaleString('en-US')} bytes)`,
              },
              {
                label: 'SHA-256',
                value: <span style={{ wordBreak: 'break-all' }}>{release.sha256}</span>,
              },
              { label: 'Notes', value: release.notes === '' ? '-' : release.notes },
            ]}
          />
        )}
        <FormField
          label="Downgrade"
          description="Devices refuse to install an older version than the one they run unless the job is forced. The review step shows who would be downgraded."
        >
          <Checkbox
            checked={state.forced}
            onChange={({ detail }) => onChange({ forced: detail.checked })}
          >
            Force downgrade (forced: true)
          </Checkbox>
        </FormField>
        {state.forced ? (
          <Alert type="warning">
            A forced job installs this version even on devices running a newer one. You will be
            asked to type the target&apos;s name to confirm if any device would be downgraded.
          </Alert>
        ) : null}
      </SpaceBetween>
    </Container>
  )
}
