import { describe, expect, it } from 'vitest'
import type { JobExecutionRecord } from '../../state/records.ts'
import {
  messageTimestamp,
  MQTT_TIMESTAMP_UNIT_MS,
  pendingJobsByStatus,
} from './jobs-mqtt-shapes.ts'

const at = Date.UTC(2026, 10, 22, 12, 0, 30, 999)

function execution(jobId: string, status: 'QUEUED' | 'IN_PROGRESS'): JobExecutionRecord {
  return {
    jobId,
    thingName: 'pump-1',
    status,
    statusDetails: {},
    executionNumber: 1,
    versionNumber: status === 'QUEUED' ? 1 : 2,
    retryAttempt: 0,
    retriesAfterFailure: 0,
    retriesAfterTimeout: 0,
    queuedAtMs: at,
    ...(status === 'IN_PROGRESS' ? { startedAtMs: at } : {}),
    lastUpdatedAtMs: at,
  }
}

describe('Jobs MQTT message shapes', () => {
  it('stamp messages in whole epoch seconds, not milliseconds', () => {
    expect(MQTT_TIMESTAMP_UNIT_MS).toBe(1000)
    expect(messageTimestamp(at)).toBe(1_795_348_830)
    expect(String(messageTimestamp(at))).toHaveLength(10)
  })

  it('list at most 10 pending executions by status, and {} for an empty queue', () => {
    const pending = [
      execution('running', 'IN_PROGRESS'),
      ...Array.from({ length: 11 }, (_, index) => execution(`queued-${index}`, 'QUEUED')),
    ]
    const jobs = pendingJobsByStatus(pending)
    expect(jobs.IN_PROGRESS?.map((summary) => summary.jobId)).toEqual(['running'])
    expect(jobs.QUEUED).toHaveLength(9)
    expect(jobs.QUEUED?.[0]).toEqual({
      jobId: 'queued-0',
      queuedAt: 1_795_348_830,
      lastUpdatedAt: 1_795_348_830,
      versionNumber: 1,
      executionNumber: 1,
    })
    expect(pendingJobsByStatus([])).toEqual({})
    expect(pendingJobsByStatus([execution('only', 'QUEUED')])).not.toHaveProperty('IN_PROGRESS')
  })
})
