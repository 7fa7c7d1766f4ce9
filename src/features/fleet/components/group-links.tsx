import { Fragment } from 'react'
import { paths } from '@/config/paths.ts'
import { RouterLink } from '@/components/router-link.tsx'

export interface GroupLinksProps {
  readonly thingGroupNames: readonly string[]
  /** Show at most this many, then "+n more". */
  readonly limit?: number
}

/** A thing's groups, each a link to its group page. */
export function GroupLinks({ thingGroupNames, limit = Infinity }: GroupLinksProps) {
  if (thingGroupNames.length === 0) return <>—</>
  const shown = thingGroupNames.slice(0, limit)
  const more = thingGroupNames.length - shown.length
  return (
    <>
      {shown.map((name, index) => (
        <Fragment key={name}>
          {index > 0 ? ', ' : ''}
          <RouterLink href={paths.fleet.group(name)}>{name}</RouterLink>
        </Fragment>
      ))}
      {more > 0 ? ` +${more} more` : ''}
    </>
  )
}
