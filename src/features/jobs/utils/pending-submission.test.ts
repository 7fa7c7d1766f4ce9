import { describe, expect, it } from 'vitest'
import {
  clearPendingSubmission,
  findPendingSubmission,
  fingerprintOf,
  PENDING_SUBMISSION_KEY,
  PENDING_SUBMISSION_MAX_AGE_MS,
  savePendingSubmission,
  type PendingStores,
} from './pending-submission.ts'

function memoryStorage() {
  const values = new Map<string, string>()
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  }
}

const throwingStorage = {
  getItem: () => {
    throw new Error('SecurityError')
  },
  setItem: () => {
    throw new Error('QuotaExceededError')
  },
  removeItem: () => {
    throw new Error('SecurityError')
  },
}

const stores = (storage: PendingStores['storage']): PendingStores => ({
  memory: { current: undefined },
  storage,
})

describe('pending submissions', () => {
  it('finds the entry of the same request, across reloads of the page', () => {
    const storage = memoryStorage()
    savePendingSubmission(stores(storage), { fingerprint: 'a', jobId: 'job-1', savedAtMs: 1000 })
    // A reload: a new page has an empty memory but the same sessionStorage.
    const reloaded = stores(storage)
    expect(findPendingSubmission(reloaded, 'a', 2000)?.jobId).toBe('job-1')
    expect(findPendingSubmission(reloaded, 'b', 2000)).toBeUndefined()
  })

  it('keeps the entry in memory when sessionStorage throws', () => {
    for (const storage of [throwingStorage, undefined]) {
      const page = stores(storage)
      savePendingSubmission(page, {
        fingerprint: 'a',
        jobId: 'job-1',
        operatorUrl: { url: 'https://x', expiresAtMs: 5 },
        savedAtMs: 0,
      })
      expect(findPendingSubmission(page, 'a', 1)?.operatorUrl?.url).toBe('https://x')
      clearPendingSubmission(page)
      expect(findPendingSubmission(page, 'a', 1)).toBeUndefined()
    }
  })

  it('forgets a cleared or old entry', () => {
    const storage = memoryStorage()
    const page = stores(storage)
    savePendingSubmission(page, { fingerprint: 'a', jobId: 'job-1', savedAtMs: 0 })
    expect(findPendingSubmission(page, 'a', PENDING_SUBMISSION_MAX_AGE_MS)).toBeUndefined()
    clearPendingSubmission(page)
    expect(storage.getItem(PENDING_SUBMISSION_KEY)).toBeNull()
    expect(findPendingSubmission(page, 'a', 1)).toBeUndefined()
  })

  it('ignores a stored entry that is not one', () => {
    const storage = memoryStorage()
    storage.setItem(PENDING_SUBMISSION_KEY, '{"jobId":5}')
    expect(findPendingSubmission(stores(storage), 'a', 0)).toBeUndefined()
    storage.setItem(
      PENDING_SUBMISSION_KEY,
      '{"fingerprint":"a","jobId":"j","savedAtMs":0,"operatorUrl":"https://x"}',
    )
    expect(findPendingSubmission(stores(storage), 'a', 0)).toBeUndefined()
  })
})

describe('fingerprintOf', () => {
  it('is the same whatever the key order', () => {
    expect(fingerprintOf({ a: 1, b: { c: 2, d: 3 } })).toBe(
      fingerprintOf({ b: { d: 3, c: 2 }, a: 1 }),
    )
    expect(fingerprintOf({ a: [1, 2] })).not.toBe(fingerprintOf({ a: [2, 1] }))
  })
})
