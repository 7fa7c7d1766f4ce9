import SpaceBetween from '@cloudscape-design/components/space-between'
import { createElement, type ReactNode } from 'react'

/**
 * A Cloudscape Header's description made of several optional parts (a
 * sentence, an inline error, a note), stacked. Undefined when every part is
 * empty, because Header keeps room for any description it is given.
 */
export function headerDescription(parts: readonly ReactNode[]): ReactNode {
  const shown = parts.filter(
    (part) => part !== undefined && part !== null && part !== false && part !== '',
  )
  if (shown.length === 0) return undefined
  if (shown.length === 1) return shown[0]
  // As separate arguments, like JSX children written out, so the parts need no keys.
  return createElement(SpaceBetween, { size: 'xxs' }, ...shown)
}
