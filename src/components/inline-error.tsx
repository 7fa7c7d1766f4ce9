import StatusIndicator from '@cloudscape-design/components/status-indicator'

export interface InlineErrorProps {
  /** One sentence saying what failed, in the reader's words. */
  readonly message: string
  /**
   * The data on screen came from an earlier load: say so, because a failed
   * refresh leaves it in place and it may be out of date.
   */
  readonly stale?: boolean
}

/**
 * An error shown where it happened, next to what it concerns (a table's
 * header, a panel, a cell), rather than as a notification. `role="alert"`
 * makes a screen reader announce it when a refresh fails over data already
 * on screen, which would otherwise change nothing visible to it.
 */
export function InlineError({ message, stale = false }: InlineErrorProps) {
  return (
    <span role="alert">
      <StatusIndicator type="error">
        {stale ? `${message} What is shown is from the last successful load.` : message}
      </StatusIndicator>
    </span>
  )
}
