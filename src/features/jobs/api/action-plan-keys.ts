import type { QueryClient, QueryKey } from '@tanstack/react-query'
import { jobsKeys } from './jobs-keys.ts'

/**
 * Keys of the plans a job action reads before its confirmation (which
 * devices a retry or a rollback reaches). A plan is read once for one
 * decision, and reading it again is costly (a rollback describes up to a
 * thousand executions), so the refreshes that follow an action leave plans
 * alone: invalidateAfterAction refreshes everything else under the key.
 */
const PLAN_SEGMENTS: ReadonlySet<unknown> = new Set(['retry-plan', 'rollback-plan'])

export const retryPlanKey = (jobId: string) => [...jobsKeys.detail(jobId), 'retry-plan'] as const
export const rollbackPlanKey = (jobId: string) =>
  [...jobsKeys.detail(jobId), 'rollback-plan'] as const

/**
 * Refetching an infinite query refetches every page it has loaded: after
 * scrolling a large job that is hundreds of ListJobExecutionsForJob calls.
 * The executions table starts again from its first page instead, and the
 * download/failure sample (events keep it current) is left as it is.
 */
const RESET_SEGMENTS: ReadonlySet<unknown> = new Set(['executions'])
const KEPT_SEGMENTS: ReadonlySet<unknown> = new Set([...PLAN_SEGMENTS, 'insights', 'timeline'])

const has = (queryKey: QueryKey, segments: ReadonlySet<unknown>) =>
  queryKey.some((part) => segments.has(part))

export async function invalidateAfterAction(queryClient: QueryClient, queryKey: QueryKey) {
  await Promise.all([
    queryClient.resetQueries({
      queryKey,
      predicate: (query) => has(query.queryKey, RESET_SEGMENTS),
    }),
    queryClient.invalidateQueries({
      queryKey,
      predicate: (query) =>
        !has(query.queryKey, KEPT_SEGMENTS) && !has(query.queryKey, RESET_SEGMENTS),
    }),
  ])
}
