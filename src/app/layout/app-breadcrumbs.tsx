import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group'
import { useMatches } from 'react-router'
import { useFollowHref } from '@/lib/router-link.ts'
import { isRouteHandle } from './route-handle.ts'

/** Breadcrumbs from the matched routes' handles, so each page declares its own. */
export function AppBreadcrumbs() {
  const followHref = useFollowHref()
  const items = useMatches().flatMap((match) =>
    isRouteHandle(match.handle) ? match.handle.crumbs(match.params) : [],
  )
  return (
    <BreadcrumbGroup
      items={[{ text: 'Fleetdeck', href: '/' }, ...items]}
      ariaLabel="Breadcrumbs"
      onFollow={followHref}
    />
  )
}
