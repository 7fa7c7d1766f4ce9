import SideNavigation from '@cloudscape-design/components/side-navigation'
import { useLocation } from 'react-router'
import { paths } from '@/config/paths.ts'
import { useFollowHref } from '@/lib/router-link.ts'

const LINKS = [
  { href: paths.fleet.things(), text: 'Things' },
  { href: paths.fleet.groups(), text: 'Thing groups' },
] as const

/** The side navigation; the current page's section is highlighted. */
export function AppNavigation() {
  const followHref = useFollowHref()
  const { pathname } = useLocation()
  const activeHref = pathname.startsWith('/fleet/groups')
    ? paths.fleet.groups()
    : pathname.startsWith('/firmware')
      ? paths.firmware.catalog()
      : paths.fleet.things()
  return (
    <SideNavigation
      header={{ text: 'Fleetdeck', href: paths.home() }}
      activeHref={activeHref}
      onFollow={followHref}
      items={[
        { type: 'section', text: 'Fleet', items: LINKS.map((link) => ({ type: 'link', ...link })) },
        {
          type: 'section',
          text: 'Firmware',
          items: [{ type: 'link', text: 'Catalog', href: paths.firmware.catalog() }],
        },
      ]}
    />
  )
}
