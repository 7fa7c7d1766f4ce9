import { describe, expect, it } from 'vitest'
import {
  clearPendingSubmission,
  findPendingSubmission,
  PENDING_SUBMISSION_KEY,
  savePendingSubmission,
} from './pending-submission.ts'
import { slotStorage } from './slot-storage.ts'

function memoryStorage() {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  }
}

describe('slotStorage', () => {
  it('keeps one pending submission per slot, cleared independently, across a reload', () => {
    const storage = memoryStorage()
    // A reload: fresh memory, the same sessionStorage.
    const stores = (slot: string) => ({
      memory: { current: undefined },
      storage: slotStorage(storage, slot),
    })
    savePendingSubmission(stores('config-upload'), {
      fingerprint: 'a',
      jobId: 'upload-1',
      savedAtMs: 0,
    })
    savePendingSubmission(stores('config-download'), {
      fingerprint: 'b',
      jobId: 'download-1',
      savedAtMs: 0,
    })
    expect([...storage.items.keys()].sort()).toEqual([
      `${PENDING_SUBMISSION_KEY}:config-download`,
      `${PENDING_SUBMISSION_KEY}:config-upload`,
    ])
    clearPendingSubmission(stores('config-download'))
    expect(findPendingSubmission(stores('config-upload'), 'a', 1)?.jobId).toBe('upload-1')
    expect(findPendingSubmission(stores('config-download'), 'b', 1)).toBeUndefined()
  })

  it('is no storage where there is none', () => {
    expect(slotStorage(undefined, 'config-upload')).toBeUndefined()
  })
})
