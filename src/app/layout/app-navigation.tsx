import SideNavigation from '@cloudscape-design/components/side-navigation'
import { useLocation } from 'react-router'
import { paths } from '@/config/paths.ts'
import { useFollowHref } from '@/lib/router-link.ts'

const LINKS = [
  { href: paths.fleet.things(), text: 'Things' },
  { href: paths.fleet.groups(), text: 'Thing groups' },
] as const

const SECTIONS: readonly (readonly [prefix: string, href: string])[] = [
  ['/fleet/groups', paths.fleet.groups()],
  ['/firmware', paths.firmware.catalog()],
  ['/jobs', paths.jobs.list()],
  ['/configuration', paths.configuration()],
]

function activeSectionHref(pathname: string): string {
  return SECTIONS.find(([prefix]) => pathname.startsWith(prefix))?.[1] ?? paths.fleet.things()
}

/** The side navigation; the current page's section is highlighted. */
export function AppNavigation() {
  const followHref = useFollowHref()
  const { pathname } = useLocation()
  const activeHref = activeSectionHref(pathname)
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
        {
          type: 'section',
          text: 'Rollouts',
          items: [
            { type: 'link', text: 'Jobs', href: paths.jobs.list() },
            { type: 'link', text: 'Configuration', href: paths.configuration() },
            // Full screen, without this navigation: for the operations room's screen.
            { type: 'link', text: 'Wall display', href: paths.wall() },
          ],
        },
      ]}
    />
  )
}
