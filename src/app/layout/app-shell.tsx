import AppLayout from '@cloudscape-design/components/app-layout'
import Flashbar from '@cloudscape-design/components/flashbar'
import { Outlet } from 'react-router'
import { useFlashbarItems } from '@/components/notifications/notifications.tsx'
import type { SessionUser } from '@/lib/auth/session-user.ts'
import { useColorMode } from '@/lib/theme.ts'
import { AppBreadcrumbs } from './app-breadcrumbs.tsx'
import { AppNavigation } from './app-navigation.tsx'
import { AppTopNavigation } from './app-top-navigation.tsx'

export interface AppShellProps {
  readonly user: SessionUser
  readonly onSignOut: () => void
}

/** Top bar, side navigation, breadcrumbs and notifications around the current page. */
export function AppShell({ user, onSignOut }: AppShellProps) {
  const [colorMode, setColorMode] = useColorMode()
  const notifications = useFlashbarItems()
  return (
    <>
      <div id="app-top-navigation" className="app-top-navigation">
        <AppTopNavigation
          user={user}
          colorMode={colorMode}
          onColorModeChange={setColorMode}
          onSignOut={onSignOut}
        />
      </div>
      <AppLayout
        headerSelector="#app-top-navigation"
        navigation={<AppNavigation />}
        breadcrumbs={<AppBreadcrumbs />}
        notifications={<Flashbar items={notifications} stackItems={notifications.length > 2} />}
        content={<Outlet />}
        toolsHide
        ariaLabels={{ navigation: 'Navigation', notifications: 'Notifications' }}
      />
    </>
  )
}
