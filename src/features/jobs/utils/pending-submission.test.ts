import { describe, expect, it } from 'vitest'
import {
  clearPendingSubmission,
  fingerprintOf,
  pendingSubmission,
  PENDING_SUBMISSION_MAX_AGE_MS,
} from './pending-submission.ts'

function memoryStorage() {
  const values = new Map<string, string>()
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  }
}

describe('pendingSubmission', () => {
  it('reuses the job id of the same submission, across reloads of the page', () => {
    const storage = memoryStorage()
    let next = 0
    const start = () => ({ jobId: `job-${(next += 1)}` })
    const first = pendingSubmission(storage, 'a', start, 1000)
    expect(pendingSubmission(storage, 'a', start, 2000).jobId).toBe(first.jobId)
    expect(pendingSubmission(storage, 'b', start, 3000).jobId).toBe('job-2')
  })

  it('starts anew after the job was created or the entry grew old', () => {
    const storage = memoryStorage()
    let next = 0
    const start = () => ({ jobId: `job-${(next += 1)}`, operatorUrl: 'https://x' })
    pendingSubmission(storage, 'a', start, 0)
    clearPendingSubmission(storage)
    expect(pendingSubmission(storage, 'a', start, 1).jobId).toBe('job-2')
    expect(pendingSubmission(storage, 'a', start, 1 + PENDING_SUBMISSION_MAX_AGE_MS).jobId).toBe(
      'job-3',
    )
  })

  it('ignores an entry that is not one', () => {
    const storage = memoryStorage()
    storage.setItem('fleetdeck.jobs.pending-submission', '{"jobId":5}')
    expect(pendingSubmission(storage, 'a', () => ({ jobId: 'fresh' }), 0).jobId).toBe('fresh')
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
