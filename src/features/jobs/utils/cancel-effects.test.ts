import { describe, expect, it } from 'vitest'
import { EMPTY_COUNTS } from '@domain/job-monitoring/execution-counts.ts'
import { cancelExecutionEffect, cancelJobEffects } from './cancel-effects.ts'

const counts = { ...EMPTY_COUNTS, QUEUED: 12, IN_PROGRESS: 3, SUCCEEDED: 40 }

describe('cancelJobEffects', () => {
  it('says how many queued executions are canceled and that the running ones finish', () => {
    const effects = cancelJobEffects(counts, false)
    expect(effects[0]).toBe(
      '12 queued executions will be canceled: those devices never start the job.',
    )
    expect(effects[1]).toBe(
      '3 devices in progress will finish: without force AWS lets a started execution run to its end.',
    )
  })

  it('with force, says the running ones are marked CANCELED too', () => {
    expect(cancelJobEffects(counts, true)[1]).toBe(
      '3 executions in progress will be marked CANCELED.',
    )
    expect(cancelJobEffects({ ...EMPTY_COUNTS, QUEUED: 1 }, true)).toEqual([
      '1 queued execution will be canceled: those devices never start the job.',
      'Devices the rollout has not reached yet get no execution, and finished executions keep their status.',
    ])
  })
})

describe('cancelExecutionEffect', () => {
  it('tells a queued execution from one in progress', () => {
    expect(cancelExecutionEffect('lamp-1', 'QUEUED')).toMatch(/never starts it/)
    expect(cancelExecutionEffect('lamp-1', 'IN_PROGRESS')).toMatch(/force-canceling/)
  })
})
