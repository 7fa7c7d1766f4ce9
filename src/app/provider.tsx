import { QueryClientProvider } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { NotificationsProvider } from '@/components/notifications/notifications.tsx'
import { DashboardConfigProvider } from '@/config/dashboard-config-context.tsx'
import { SessionProvider } from '@/lib/auth/session.tsx'
import { createQueryClient } from '@/lib/query-client.ts'
import type { DashboardConfig } from '@domain/dashboard-config.ts'

export interface AppProviderProps {
  readonly config: DashboardConfig
  readonly children: ReactNode
}

export function AppProvider({ config, children }: AppProviderProps) {
  const [queryClient] = useState(createQueryClient)
  // Another user's (or a signed-out user's) data must not stay in the cache.
  const [dropCachedData] = useState(() => () => queryClient.clear())
  return (
    <DashboardConfigProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <NotificationsProvider>
          <SessionProvider onUserChange={dropCachedData}>{children}</SessionProvider>
        </NotificationsProvider>
      </QueryClientProvider>
    </DashboardConfigProvider>
  )
}
