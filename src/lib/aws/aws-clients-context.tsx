import { createContext, use, useState, type ReactNode } from 'react'
import { useDashboardConfig } from '@/config/dashboard-config-context.tsx'
import { sessionCredentials } from '@/lib/auth/session-credentials.ts'
import { createAwsClients, type AwsClients } from './aws-clients.ts'

const AwsClientsContext = createContext<AwsClients | undefined>(undefined)

export interface AwsClientsProviderProps {
  readonly children: ReactNode
}

/**
 * Provided inside the signed-in layout, so the SDK clients load with the
 * first signed-in page rather than with the sign-in page.
 */
export function AwsClientsProvider({ children }: AwsClientsProviderProps) {
  const config = useDashboardConfig()
  const [clients] = useState(() => createAwsClients(config, sessionCredentials))
  return <AwsClientsContext value={clients}>{children}</AwsClientsContext>
}

/** The SDK clients and the config they were built from, for query and mutation hooks. */
export function useAwsClients(): AwsClients {
  const clients = use(AwsClientsContext)
  if (clients === undefined) throw new Error('useAwsClients needs an AwsClientsProvider.')
  return clients
}
