import Box from '@cloudscape-design/components/box'
import Container from '@cloudscape-design/components/container'
import Header from '@cloudscape-design/components/header'
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs'
import SpaceBetween from '@cloudscape-design/components/space-between'
import StatusIndicator from '@cloudscape-design/components/status-indicator'
import type { UseQueryResult } from '@tanstack/react-query'
import { headerDescription } from '@/components/header-description.tsx'
import { InlineError } from '@/components/inline-error.tsx'
import { awsErrorMessage } from '@/lib/aws/aws-error-message.ts'
import type { ThingShadow } from '../api/get-thing-shadow.ts'

export interface ThingShadowPanelProps {
  readonly shadow: UseQueryResult<ThingShadow | null>
}

/**
 * The classic shadow as the device last wrote it. The document is the
 * device's own text, so it is shown as text in a `<pre>`, never as markup.
 */
export function ThingShadowPanel({ shadow }: ThingShadowPanelProps) {
  const body = () => {
    if (shadow.data === undefined)
      return shadow.isError ? (
        <InlineError message={awsErrorMessage(shadow.error, 'load the shadow')} />
      ) : (
        <StatusIndicator type="loading">Loading the shadow</StatusIndicator>
      )
    if (shadow.data === null)
      return <Box color="text-body-secondary">This device has not reported a shadow yet.</Box>
    const { firmware, text } = shadow.data
    return (
      <SpaceBetween size="m">
        <KeyValuePairs
          columns={2}
          items={[
            { label: 'Reported firmware version', value: firmware.version ?? 'not reported' },
            { label: 'Reported firmware model', value: firmware.model ?? 'not reported' },
          ]}
        />
        <Box variant="code" display="block">
          <pre className="fleet-shadow-document" style={{ margin: 0, overflowX: 'auto' }}>
            {text}
          </pre>
        </Box>
      </SpaceBetween>
    )
  }
  return (
    <Container
      header={
        <Header
          variant="h2"
          description={headerDescription([
            'The classic shadow (GetThingShadow).',
            shadow.isError && shadow.data !== undefined ? (
              <InlineError message={awsErrorMessage(shadow.error, 'refresh the shadow')} stale />
            ) : null,
          ])}
        >
          Shadow
        </Header>
      }
    >
      {body()}
    </Container>
  )
}
