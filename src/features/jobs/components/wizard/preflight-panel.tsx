import Alert from '@cloudscape-design/components/alert'
import Box from '@cloudscape-design/components/box'
import Button from '@cloudscape-design/components/button'
import Container from '@cloudscape-design/components/container'
import Header from '@cloudscape-design/components/header'
import Table from '@cloudscape-design/components/table'
import type { Preflight, PreflightClass, ProceedDecision } from '@domain/rollout-preflight.ts'

export interface PreflightPanelProps {
  readonly preflight: Preflight | undefined
  readonly isPending: boolean
  readonly errorMessage: string | undefined
  readonly onRetry: () => void
  readonly decision: ProceedDecision | undefined
  readonly version: string
}

const CLASS_LABELS: Record<PreflightClass, string> = {
  upgrade: 'Upgraded',
  downgrade: 'Downgraded',
  current: 'Already current',
  unknown: 'Unknown (no reported version, or another model)',
}

/** What the job would do to each device it reaches now, with a few names to recognise. */
export function PreflightPanel({
  preflight,
  isPending,
  errorMessage,
  onRetry,
  decision,
  version,
}: PreflightPanelProps) {
  const rows = (['upgrade', 'downgrade', 'current', 'unknown'] as const).map((kind) => ({
    kind,
    count: preflight?.counts[kind] ?? 0,
    versions:
      preflight?.versions[kind]
        .map((entry) => `${entry.version === '' ? '(none)' : entry.version} × ${entry.count}`)
        .join(', ') ?? '',
    examples: preflight?.examples[kind].join(', ') ?? '',
  }))
  return (
    <Container
      header={
        <Header
          variant="h2"
          description={`Devices in the target now, by what installing ${version} means for them (from the fleet index).`}
          counter={preflight === undefined ? undefined : `(${preflight.total})`}
        >
          Preflight
        </Header>
      }
    >
      {errorMessage === undefined ? null : (
        <Alert
          type="error"
          header="The preflight failed"
          action={<Button onClick={onRetry}>Retry</Button>}
        >
          {errorMessage} The job can be created once the preflight has run.
        </Alert>
      )}
      <Table
        variant="embedded"
        loading={isPending}
        loadingText="Counting devices"
        items={preflight === undefined ? [] : rows}
        trackBy="kind"
        columnDefinitions={[
          { id: 'kind', header: 'Outcome', cell: (row) => CLASS_LABELS[row.kind] },
          { id: 'count', header: 'Devices', cell: (row) => row.count.toLocaleString('en-US') },
          { id: 'versions', header: 'Running now', cell: (row) => row.versions || '-' },
          { id: 'examples', header: 'For example', cell: (row) => row.examples || '-' },
        ]}
        empty={<Box textAlign="center">No preflight yet.</Box>}
      />
      {decision?.kind === 'blocked' ? (
        <Alert type="error" header="Downgrade without force">
          {decision.reason}
        </Alert>
      ) : null}
      {preflight?.truncated === true ? (
        <Alert type="warning" header="Incomplete preflight">
          The fleet index returned a full page of reported versions, so devices on further versions
          are counted as unknown and some may run a newer version than {version}. Force the job or
          accept that those devices reject it, and confirm by typing the target&apos;s name.
        </Alert>
      ) : null}
      {preflight !== undefined && preflight.counts.unknown > 0 ? (
        <Alert type="info">
          Devices of unknown state still receive the job. A device of another model, or one running
          a newer version (without force), REJECTS it.
        </Alert>
      ) : null}
    </Container>
  )
}
