import { QueryClient } from '@tanstack/react-query'

/**
 * One client for the app. AWS throttles IoT control-plane calls at about 10 TPS
 * per API, so failed queries retry with backoff a few times rather than at once.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: 3,
        retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 15_000),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  })
}
