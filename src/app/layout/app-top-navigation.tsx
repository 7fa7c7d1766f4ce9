import TopNavigation from '@cloudscape-design/components/top-navigation'
import { paths } from '@/config/paths.ts'
import type { SessionUser } from '@/lib/auth/session-user.ts'
import { useFollowHref } from '@/lib/router-link.ts'
import type { ColorMode } from '@/lib/theme.ts'

export interface AppTopNavigationProps {
  readonly user: SessionUser
  readonly colorMode: ColorMode
  readonly onColorModeChange: (mode: ColorMode) => void
  readonly onSignOut: () => void
}

const ROLE_LABELS = { operator: 'Operator', viewer: 'Viewer' } as const

export function AppTopNavigation({
  user,
  colorMode,
  onColorModeChange,
  onSignOut,
}: AppTopNavigationProps) {
  const followHref = useFollowHref()
  const roleLabel = user.role === undefined ? 'No role' : ROLE_LABELS[user.role]
  const otherMode = colorMode === 'dark' ? 'light' : 'dark'
  return (
    <TopNavigation
      identity={{ href: paths.home(), title: 'Fleetdeck', onFollow: followHref }}
      utilities={[
        {
          type: 'button',
          text: otherMode === 'dark' ? 'Dark mode' : 'Light mode',
          ariaLabel: `Switch to ${otherMode} mode`,
          onClick: () => onColorModeChange(otherMode),
        },
        {
          type: 'menu-dropdown',
          text: `${user.username} · ${roleLabel}`,
          description: `Signed in as ${roleLabel.toLowerCase()}`,
          iconName: 'user-profile',
          items: [{ id: 'sign-out', text: 'Sign out' }],
          onItemClick: ({ detail }) => {
            if (detail.id === 'sign-out') onSignOut()
          },
        },
      ]}
    />
  )
}
