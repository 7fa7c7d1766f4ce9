import Alert from '@cloudscape-design/components/alert'
import Container from '@cloudscape-design/components/container'
import FormField from '@cloudscape-design/components/form-field'
import Header from '@cloudscape-design/components/header'
import Input from '@cloudscape-design/components/input'
import SpaceBetween from '@cloudscape-design/components/space-between'
import Textarea from '@cloudscape-design/components/textarea'
import Tiles from '@cloudscape-design/components/tiles'
import { MAX_JOB_TARGETS } from '@domain/job-config/create-job-options.ts'
import type { TargetKind } from '../../utils/job-target.ts'
import type { WizardState } from '../../utils/wizard-state.ts'

export interface TargetStepProps {
  readonly state: WizardState
  readonly onChange: (patch: Partial<WizardState>) => void
  /** The problem with the target, shown at its field. */
  readonly errorText: string | undefined
}

const KINDS: { value: TargetKind; label: string; description: string }[] = [
  { value: 'thing', label: 'One thing', description: 'A single device by name.' },
  {
    value: 'things',
    label: 'Several things',
    description: `Up to ${MAX_JOB_TARGETS} devices by name.`,
  },
  {
    value: 'group',
    label: 'A thing group',
    description: 'Every device in the group and its child groups.',
  },
  { value: 'query', label: 'A fleet-index query', description: 'Every device the query matches.' },
]

/** Step 1: who receives the job. Names are checked here and resolved to ARNs on Next. */
export function TargetStep({ state, onChange, errorText }: TargetStepProps) {
  return (
    <Container header={<Header variant="h2">Target</Header>}>
      <SpaceBetween size="l">
        <FormField label="Target type">
          <Tiles
            value={state.targetKind}
            onChange={({ detail }) => onChange({ targetKind: detail.value as TargetKind })}
            items={KINDS}
            columns={4}
          />
        </FormField>
        {state.targetKind === 'thing' || state.targetKind === 'group' ? (
          <FormField
            label={state.targetKind === 'thing' ? 'Thing name' : 'Thing group name'}
            errorText={errorText}
          >
            <Input
              value={state.targetName}
              onChange={({ detail }) => onChange({ targetName: detail.value })}
              placeholder={state.targetKind === 'thing' ? 'lamp-0001' : 'canary-lamp-v2'}
              ariaLabel={state.targetKind === 'thing' ? 'Thing name' : 'Thing group name'}
            />
          </FormField>
        ) : null}
        {state.targetKind === 'things' ? (
          <FormField
            label="Thing names"
            description="One a line, or separated by commas or spaces."
            constraintText={`At most ${MAX_JOB_TARGETS}: for more, use a thing group or a query.`}
            errorText={errorText}
          >
            <Textarea
              value={state.targetNames}
              onChange={({ detail }) => onChange({ targetNames: detail.value })}
              rows={6}
              ariaLabel="Thing names"
            />
          </FormField>
        ) : null}
        {state.targetKind === 'query' ? (
          <SpaceBetween size="s">
            <FormField
              label="Fleet-index query"
              description="The fleet-indexing query syntax, as on the things page (for example attributes.site:berlin AND shadow.reported.firmware.version:1.0.0)."
              errorText={errorText}
            >
              <Input
                value={state.targetQuery}
                onChange={({ detail }) => onChange({ targetQuery: detail.value })}
                ariaLabel="Fleet-index query"
              />
            </FormField>
            <Alert type="info" header="How a query becomes the job's target">
              AWS IoT jobs target things and thing groups, not queries. For a snapshot job (the
              default), Fleetdeck looks up the things the query matches now, at most 100, and
              targets them; no group is created. For a continuous job (set it in the options),
              Fleetdeck creates a dynamic thing group from the query named fleetdeck-&lt;job id&gt;,
              waits until AWS has built it, and targets it; IoT keeps the group&apos;s members in
              step with the query, so devices that match later also receive the job. The group stays
              for as long as the job runs: delete it only once the job is done or cancelled (dynamic
              groups per account are limited).
            </Alert>
          </SpaceBetween>
        ) : null}
      </SpaceBetween>
    </Container>
  )
}
