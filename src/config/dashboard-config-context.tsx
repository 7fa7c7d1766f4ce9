import type { DashboardConfig } from '@domain/dashboard-config.ts'
import { createContext, use, type ReactNode } from 'react'

const DashboardConfigContext = createContext<DashboardConfig | undefined>(undefined)

export function DashboardConfigProvider({
  config,
  children,
}: {
  readonly config: DashboardConfig
  readonly children: ReactNode
}) {
  return <DashboardConfigContext value={config}>{children}</DashboardConfigContext>
}

/** The validated `config.json` the app started with. */
export function useDashboardConfig(): DashboardConfig {
  const config = use(DashboardConfigContext)
  if (config === undefined) throw new Error('useDashboardConfig needs a DashboardConfigProvider.')
  return config
}
