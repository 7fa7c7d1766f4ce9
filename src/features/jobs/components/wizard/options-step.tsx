import Container from '@cloudscape-design/components/container'
import Header from '@cloudscape-design/components/header'
import SpaceBetween from '@cloudscape-design/components/space-between'
import { AbortOptions } from './options/abort-options.tsx'
import { DocumentTemplateOptions } from './options/document-template-options.tsx'
import type { OptionsSectionProps } from './options/option-text-field.tsx'
import { RolloutOptions } from './options/rollout-options.tsx'
import { SchedulingOptions } from './options/scheduling-options.tsx'
import { TimeoutRetryOptions } from './options/timeout-retry-options.tsx'
import { UrlModeOptions } from './options/url-mode-options.tsx'

export interface OptionsStepProps extends OptionsSectionProps {
  readonly username: string | undefined
}

/** Step 3: CreateJob's options, each checked with AWS's limits (domain/job-config) on Next. */
export function OptionsStep(props: OptionsStepProps) {
  const { options, onChange, errors } = props
  const section = { options, onChange, errors }
  return (
    <SpaceBetween size="l">
      <RolloutOptions {...section} />
      <Container header={<Header variant="h2">Abort, timeout and retries</Header>}>
        <SpaceBetween size="l">
          <AbortOptions {...section} />
          <TimeoutRetryOptions {...section} />
        </SpaceBetween>
      </Container>
      <SchedulingOptions {...section} />
      <UrlModeOptions {...section} />
      <DocumentTemplateOptions {...section} username={props.username} />
    </SpaceBetween>
  )
}
