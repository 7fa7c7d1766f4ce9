import StatusIndicator from '@cloudscape-design/components/status-indicator'
import { unreachablePageMessage } from './token-pages-location.ts'

export interface UnreachablePageNoteProps {
  /** The page a link asked for; nothing is shown when it could be opened. */
  readonly page: number | undefined
}

/** Why a link to a later page of a token-paged list opened at page 1. */
export function UnreachablePageNote({ page }: UnreachablePageNoteProps) {
  if (page === undefined) return null
  return <StatusIndicator type="info">{unreachablePageMessage(page)}</StatusIndicator>
}
