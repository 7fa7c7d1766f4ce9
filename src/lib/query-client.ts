import { QueryClient } from '@tanstack/react-query'
import { isThrottlingError } from '@/lib/aws/aws-error-message.ts'

/** AWS's own SDK retries throttled calls 3 times; past that, the query gives it a few more, slower. */
const MAX_THROTTLING_RETRIES = 4
const MAX_RETRY_DELAY_MS = 20_000

/**
 * Retry only when AWS says to slow down (IoT control-plane APIs allow about
 * 10 TPS each). Any other failure (denied, not found, invalid) would fail
 * the same way again, so it is shown at once where it happened.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return isThrottlingError(error) && failureCount < MAX_THROTTLING_RETRIES
}

/** Exponential backoff with full jitter, so many tabs do not retry in step. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(1000 * 2 ** (attempt + 1), MAX_RETRY_DELAY_MS))
}

/** One client per app (and a fresh one per test). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetry,
        retryDelay: (attempt) => retryDelayMs(attempt),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  })
}
