import { useQueryClient } from '@tanstack/react-query'
import { useRef } from 'react'
import {
  clearPendingSubmission,
  sessionStorageIfAvailable,
  type PendingStores,
  type PendingSubmission,
} from '../utils/pending-submission.ts'
import { slotStorage } from '../utils/slot-storage.ts'
import { JobIdConflictError } from './create-job.ts'
import { jobsKeys } from './jobs-keys.ts'

/**
 * One form's pending submission (utils/pending-submission.ts, in a
 * sessionStorage slot of its own) and the mutation callbacks that end it:
 * dropped once the job exists, or when its id turned out to belong to
 * another job, so the next submit starts a new submission with a new id.
 */
export function usePendingSubmission(slot: string) {
  const queryClient = useQueryClient()
  const memory = useRef<PendingSubmission | undefined>(undefined)
  const stores: PendingStores = { memory, storage: slotStorage(sessionStorageIfAvailable(), slot) }
  return {
    stores,
    onSuccess: () => {
      clearPendingSubmission(stores)
      return queryClient.invalidateQueries({ queryKey: jobsKeys.all })
    },
    onError: (error: Error) => {
      if (error instanceof JobIdConflictError) clearPendingSubmission(stores)
    },
  }
}
