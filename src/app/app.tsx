import { RouterProvider } from 'react-router'
import type { DashboardConfig } from '@domain/dashboard-config.ts'
import { AppProvider } from './provider.tsx'
import { router } from './router.tsx'

export interface AppProps {
  readonly config: DashboardConfig
}

export function App({ config }: AppProps) {
  return (
    <AppProvider config={config}>
      <RouterProvider router={router} />
    </AppProvider>
  )
}
