import Box from '@cloudscape-design/components/box'
import type { ReactNode } from 'react'
import { InlineError } from './inline-error.tsx'

export interface TableEmptyStateProps {
  /** Why the first load failed; when set it is shown instead of the message. */
  readonly errorMessage: string | undefined
  /** What to say when the list really is empty. */
  readonly children: ReactNode
}

/**
 * A table's `empty` slot: the list is empty, or its first load failed and
 * there is nothing else to show, so the error stands where the rows would.
 */
export function TableEmptyState({ errorMessage, children }: TableEmptyStateProps) {
  if (errorMessage !== undefined) return <InlineError message={errorMessage} />
  return (
    <Box textAlign="center" color="inherit">
      {children}
    </Box>
  )
}
