import Link, { type LinkProps } from '@cloudscape-design/components/link'
import type { ReactNode } from 'react'
import { useFollowHref } from '@/lib/router-link.ts'

export interface RouterLinkProps {
  /** An app path from `paths`. */
  readonly href: string
  readonly children: ReactNode
  readonly variant?: LinkProps.Variant
}

/** A Cloudscape link to a page of the app: a real href, followed without a page load. */
export function RouterLink({ href, children, variant }: RouterLinkProps) {
  const followHref = useFollowHref()
  return (
    <Link href={href} onFollow={followHref} {...(variant === undefined ? {} : { variant })}>
      {children}
    </Link>
  )
}
